namespace FakeServerless.Changes.Commands;

/// <summary>One line a function printed: its level (<c>info</c>, <c>warn</c>, <c>error</c>) and text.</summary>
internal sealed record FunctionLogLine(string Level, string Message);
