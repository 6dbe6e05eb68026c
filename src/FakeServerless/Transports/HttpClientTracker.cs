namespace FakeServerless.Transports;

/// <summary>The clients an owner (the fake, a scope) handed out, disposed with it; none are handed out afterwards.</summary>
internal sealed class HttpClientTracker
{
    private readonly Lock _gate = new();
    private readonly List<HttpClient> _clients = [];
    private bool _disposed;

    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Keeps <paramref name="client"/>; throws (disposing it) when <paramref name="owner"/> is already disposed.</summary>
    public HttpClient Track(HttpClient client, object owner)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                client.Dispose();
                throw new ObjectDisposedException(owner.GetType().FullName);
            }

            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Disposes every tracked client; false when that already happened.</summary>
    public bool DisposeAll()
    {
        List<HttpClient> clients;
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            clients = [.. _clients];
            _clients.Clear();
        }

        clients.ForEach(c => c.Dispose());
        return true;
    }
}
