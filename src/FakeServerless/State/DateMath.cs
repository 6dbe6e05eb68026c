namespace FakeServerless.State;

/// <summary>
/// Date arithmetic that saturates at <see cref="DateTimeOffset.MinValue"/> and <see cref="DateTimeOffset.MaxValue"/> instead of
/// throwing: a clock moved to 9999-12-31, a build delay of <see cref="TimeSpan.MaxValue"/> or an imported date at either end must
/// still answer every request.
/// </summary>
internal static class DateMath
{
    /// <summary><paramref name="date"/> + <paramref name="delta"/>, clamped to the representable range (in UTC).</summary>
    public static DateTimeOffset Add(DateTimeOffset date, TimeSpan delta)
    {
        var ticks = date.UtcTicks;
        var max = DateTimeOffset.MaxValue.UtcTicks;
        var min = DateTimeOffset.MinValue.UtcTicks;
        var sum = delta.Ticks >= 0
            ? (delta.Ticks > max - ticks ? max : ticks + delta.Ticks)
            : (delta.Ticks < min - ticks ? min : ticks + delta.Ticks);
        return new DateTimeOffset(sum, TimeSpan.Zero);
    }
}
