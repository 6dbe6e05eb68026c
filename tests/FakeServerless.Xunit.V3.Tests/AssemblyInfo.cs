using FakeServerless.Xunit.V3;

// One fake for the whole assembly; test classes (each its own collection, so they run in parallel) take it by constructor.
[assembly: AssemblyFixture(typeof(FakeServerlessFixture))]
[assembly: Xunit.v3.Parallelization(MaxThreads = 4)]
