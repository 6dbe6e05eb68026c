namespace FakeServerless.Control;

/// <summary>A control API request the fake refuses; <see cref="ControlApi"/> answers it as a Twilio error body.</summary>
internal sealed class ControlException(int status, int code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public int Code { get; } = code;

    /// <summary>400 / 20001, naming the bad field in <paramref name="message"/>.</summary>
    public static ControlException Invalid(string message) => new(400, 20001, message);

    /// <summary>404 / 20404.</summary>
    public static ControlException NotFound(string message) => new(404, 20404, message);

    /// <summary>409 / 20409: the fake is not in a state to do it.</summary>
    public static ControlException Conflict(string message) => new(409, 20409, message);
}
