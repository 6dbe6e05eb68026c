namespace FakeServerless.Control;

/// <summary>
/// A control API request the fake refuses, made for the purpose: <see cref="ControlApi"/> answers it as a Twilio error body with its
/// status. Handlers turn the failures they expect from what they call into one of these at the call site; any other exception is a
/// bug, answered 500 and logged.
/// </summary>
internal sealed class ControlException(int status, int code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public int Code { get; } = code;

    /// <summary>400 / 20001, naming the bad field in <paramref name="message"/>.</summary>
    public static ControlException Invalid(string message) => new(400, 20001, message);

    /// <summary>403 / 20403: the control API does not answer this request where it comes from.</summary>
    public static ControlException Forbidden(string message) => new(403, 20403, message);

    /// <summary>404 / 20404.</summary>
    public static ControlException NotFound(string message) => new(404, 20404, message);

    /// <summary>409 / 20409: the fake is not in a state to do it.</summary>
    public static ControlException Conflict(string message) => new(409, 20409, message);
}
