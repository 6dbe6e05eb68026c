namespace FakeServerless.Cli.Parsing;

/// <summary>The clock of the standalone fake (<c>--clock</c>).</summary>
internal enum ClockKind
{
    /// <summary>The machine's clock.</summary>
    System,

    /// <summary>A <see cref="VirtualClock"/> starting at the machine's time, standing still until <c>POST /_fake/clock</c> moves it.</summary>
    Virtual,
}
