namespace FakeServerless;

/// <summary>
/// A fake in another process (<see cref="FakeServerlessServer.Connect"/>) refused a control call: the message is the fake's own,
/// the same a fake in this process throws for the same mistake. It is an <see cref="InvalidOperationException"/>, as the in-process
/// fake's refusals of a broken rule are.
/// </summary>
public sealed class FakeServerlessControlException : InvalidOperationException
{
    /// <summary>A refusal with the fake's HTTP <paramref name="status"/>, Twilio error <paramref name="code"/> and <paramref name="message"/>.</summary>
    public FakeServerlessControlException(int status, int code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status the control API answered (400 bad input, 401 token, 404 not found, 409 conflict…).</summary>
    public int Status { get; }

    /// <summary>The Twilio-style error code of the answer (e.g. 20001, 54301), or 0 when the answer had none.</summary>
    public int Code { get; }
}
