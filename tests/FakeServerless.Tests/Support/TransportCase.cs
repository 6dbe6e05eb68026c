using System.Collections;

namespace FakeServerless.Tests.Support;

/// <summary>Runs a fixture once per transport: the contract holds on WireMock and in memory alike.</summary>
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
}
