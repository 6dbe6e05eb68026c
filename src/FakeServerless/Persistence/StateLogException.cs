namespace FakeServerless.Persistence;

/// <summary>The state log could not commit a change (a full disk, an I/O error): the change is not applied and the caller gets a 503.</summary>
internal sealed class StateLogException(string message, Exception innerException) : Exception(message, innerException);
