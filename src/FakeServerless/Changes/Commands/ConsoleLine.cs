namespace FakeServerless.Changes.Commands;

/// <summary>One line a C# function handler printed (<see cref="FunctionConsole"/>): its level (<c>info</c>, <c>warn</c>, <c>error</c>) and text.</summary>
internal sealed record ConsoleLine(string Level, string Message);
