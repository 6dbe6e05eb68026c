using System.Collections;

namespace FakeServerless.Tests.Support;

/// <summary>Runs a fixture once per transport (and kind of code): the contract holds on WireMock and in memory alike.</summary>
public static class TransportCase
{
    public static IEnumerable All
    {
        get
        {
            yield return new TestFixtureData(FakeServerlessTransport.Http).SetArgDisplayNames("Http");
            yield return new TestFixtureData(FakeServerlessTransport.InMemory).SetArgDisplayNames("InMemory");
        }
    }

    /// <summary>Each transport with each <see cref="CodeKind"/>: fixtures named like <c>(Http,Function)</c>.</summary>
    public static IEnumerable WithCodeKinds
    {
        get
        {
            foreach (var transport in new[] { FakeServerlessTransport.Http, FakeServerlessTransport.InMemory })
            {
                foreach (var kind in new[] { CodeKind.Function, CodeKind.Asset })
                {
                    yield return new TestFixtureData(transport, kind).SetArgDisplayNames(transport.ToString(), kind.ToString());
                }
            }
        }
    }
}
