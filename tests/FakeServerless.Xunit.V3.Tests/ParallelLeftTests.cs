namespace FakeServerless.Xunit.V3.Tests;

public sealed class ParallelLeftTests(FakeServerlessFixture fixture) : ParallelTests(fixture, "Left", "Right");
