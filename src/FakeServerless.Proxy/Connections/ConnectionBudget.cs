using System.Net;
using Microsoft.AspNetCore.Connections;

namespace FakeServerless.Proxy.Connections;

/// <summary>
/// Keeps the proxy's connections within <see cref="ProxyLimits"/> without refusing anyone who is not already using everything:
/// each connection is idle (between requests, or before its first) or busy (a request in progress). Past
/// <see cref="ProxyLimits.MaxIdlePerClient"/> idle connections of one client address, or <see cref="ProxyLimits.MaxConnections"/>
/// connections in all, the oldest idle connection (of that client, or of anyone) is closed. Only when every connection is busy is a
/// new one refused.
/// </summary>
internal sealed class ConnectionBudget(ProxyLimits limits)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<ConnectionLease> _idle = new();
    private readonly Dictionary<IPAddress, LinkedList<ConnectionLease>> _idleByClient = [];
    private int _open;

    /// <summary>Open connections now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>Takes a place for <paramref name="connection"/> (idle until its first request), closing others to make room; null: all busy, refuse it.</summary>
    public ConnectionLease? Admit(ConnectionContext connection, IPAddress client)
    {
        var lease = new ConnectionLease(this, connection, client);
        List<ConnectionLease>? evicted = null;
        lock (_gate)
        {
            if (_open >= limits.MaxConnections)
            {
                if (_idle.First?.Value is not { } oldest)
                {
                    return null;
                }

                Evict(oldest, ref evicted);
            }

            _open++;
            lease.Open = true;
            MarkIdle(lease, ref evicted);
        }

        Close(evicted);
        return lease;
    }

    internal void Busy(ConnectionLease lease)
    {
        lock (_gate)
        {
            if (lease.Open)
            {
                RemoveIdle(lease);
            }
        }
    }

    internal void Idle(ConnectionLease lease)
    {
        List<ConnectionLease>? evicted = null;
        lock (_gate)
        {
            if (lease.Open && lease.IdleNode is null)
            {
                MarkIdle(lease, ref evicted);
            }
        }

        Close(evicted);
    }

    internal void Release(ConnectionLease lease)
    {
        lock (_gate)
        {
            if (lease.Open)
            {
                RemoveIdle(lease);
                lease.Open = false;
                _open--;
            }
        }
    }

    private static void Close(List<ConnectionLease>? evicted)
    {
        foreach (var lease in evicted ?? [])
        {
            lease.Connection.Abort(new ConnectionAbortedException("FakeServerless proxy: closed the oldest idle connection to make room."));
        }
    }

    private void MarkIdle(ConnectionLease lease, ref List<ConnectionLease>? evicted)
    {
        if (!_idleByClient.TryGetValue(lease.Client, out var mine))
        {
            _idleByClient[lease.Client] = mine = new LinkedList<ConnectionLease>();
        }

        lease.IdleNode = _idle.AddLast(lease);
        lease.ClientIdleNode = mine.AddLast(lease);
        while (mine.Count > limits.MaxIdlePerClient && mine.First!.Value is var oldest && oldest != lease)
        {
            Evict(oldest, ref evicted);
        }
    }

    private void Evict(ConnectionLease lease, ref List<ConnectionLease>? evicted)
    {
        RemoveIdle(lease);
        lease.Open = false;
        _open--;
        (evicted ??= []).Add(lease);
    }

    private void RemoveIdle(ConnectionLease lease)
    {
        if (lease.IdleNode is { } node)
        {
            _idle.Remove(node);
            lease.IdleNode = null;
        }

        if (lease.ClientIdleNode is { } mine)
        {
            var list = mine.List!;
            list.Remove(mine);
            lease.ClientIdleNode = null;
            if (list.Count == 0)
            {
                _idleByClient.Remove(lease.Client);
            }
        }
    }
}
