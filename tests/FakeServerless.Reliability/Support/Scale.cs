namespace FakeServerless.Reliability.Support;

/// <summary>
/// How hard the suite pushes: bounded for CI by default; with the environment variable <c>FAKESERVERLESS_STRESS=1</c> the same
/// tests run 20 times the work (≥ 100,000 fuzzed requests).
/// </summary>
internal static class Scale
{
    public static bool Stress => Environment.GetEnvironmentVariable("FAKESERVERLESS_STRESS") == "1";

    /// <summary><paramref name="ci"/> in CI, 20× that in stress mode.</summary>
    public static int Of(int ci) => Stress ? ci * 20 : ci;
}
