using System.Net;
using Microsoft.AspNetCore.Connections;

namespace FakeServerless.Proxy.Connections;

/// <summary>One connection's place in the <see cref="ConnectionBudget"/>; the budget's lock guards its fields.</summary>
internal sealed class ConnectionLease(ConnectionBudget budget, ConnectionContext connection, IPAddress client)
{
    public ConnectionContext Connection { get; } = connection;

    public IPAddress Client { get; } = client;

    /// <summary>Counted among the open connections (false once released or evicted).</summary>
    internal bool Open { get; set; }

    internal LinkedListNode<ConnectionLease>? IdleNode { get; set; }

    internal LinkedListNode<ConnectionLease>? ClientIdleNode { get; set; }

    /// <summary>A request started on this connection: it cannot be closed to make room.</summary>
    public void Busy() => budget.Busy(this);

    /// <summary>The request is answered: the connection may be closed to make room.</summary>
    public void Idle() => budget.Idle(this);

    /// <summary>The connection is closed.</summary>
    public void Release() => budget.Release(this);
}
