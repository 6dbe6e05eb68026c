namespace FakeServerless.Xunit.V3.Tests;

public sealed class ParallelRightTests(FakeServerlessFixture fixture) : ParallelTests(fixture, "Right", "Left");
