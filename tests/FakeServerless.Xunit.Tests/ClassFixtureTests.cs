namespace FakeServerless.Xunit.Tests;

/// <summary>The shared tests on a class fixture: one server for the class.</summary>
public sealed class ClassFixtureTests(FakeServerlessFixture fixture) : SharedFixtureTests(fixture), IClassFixture<FakeServerlessFixture>;
