namespace FakeServerless;

/// <summary>
/// The fake could not listen where it was told to: the port is in use, the address is not this machine's, or the system refused.
/// <see cref="Role"/> says which listener (the API port or the proxy), so a caller (the CLI exits with code 2) never has to read
/// the message to tell them apart.
/// </summary>
public sealed class ListenException : IOException
{
    /// <summary>Creates the exception for <paramref name="role"/> on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public ListenException(ListenerRole role, string address, int port, bool addressInUse, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Role = role;
        Address = address;
        Port = port;
        AddressInUse = addressInUse;
    }

    /// <summary>Which listener could not start.</summary>
    public ListenerRole Role { get; }

    /// <summary>The address it was to bind (as <see cref="FakeServerlessOptions.Host"/>).</summary>
    public string Address { get; }

    /// <summary>The port it was to bind (0: any free one).</summary>
    public int Port { get; }

    /// <summary>True when another socket holds the address and port.</summary>
    public bool AddressInUse { get; }
}
