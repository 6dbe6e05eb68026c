namespace FakeServerless.Testcontainers;

/// <summary>The clock of a fake in a container (<c>FAKESERVERLESS_CLOCK</c>).</summary>
public enum FakeServerlessClock
{
    /// <summary>The machine's clock (the default).</summary>
    System,

    /// <summary>A clock that moves only when told (<c>POST /_fake/clock</c>); it starts at the machine's time.</summary>
    Virtual,
}
