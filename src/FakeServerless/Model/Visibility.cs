namespace FakeServerless;

/// <summary>Who may reach a Function or Asset Version on an environment's domain.</summary>
public enum Visibility
{
    /// <summary>Anyone (<c>public</c>).</summary>
    Public,

    /// <summary>Only requests signed by Twilio (<c>protected</c>): the fake requires an <c>X-Twilio-Signature</c> header.</summary>
    Protected,

    /// <summary>Not reachable over the domain at all (<c>private</c>).</summary>
    Private,
}
