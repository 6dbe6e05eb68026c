namespace FakeServerless.State;

/// <summary>One line a function printed: its level (<c>info</c>, <c>warn</c>, <c>error</c>), text, function and request.</summary>
internal sealed record FunctionLogLine(string Level, string Message, string? FunctionSid, string? RequestSid);
