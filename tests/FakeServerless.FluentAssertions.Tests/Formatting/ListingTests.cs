using FakeServerless.FluentAssertions.Tests.Support;

namespace FakeServerless.FluentAssertions.Tests.Formatting;

/// <summary>How failure messages list state: at most 25 lines, then a count of the rest.</summary>
public sealed class ListingTests : AssertionTestBase
{
    [Test]
    public async Task Listing_MoreThan25Requests_ShowsTheFirst25AndCountsTheRest()
    {
        // Arrange
        for (var i = 0; i < 27; i++)
        {
            (await GetAsync("/v1/Services")).EnsureSuccessStatusCode();
        }

        var journal = Fake.Journal;

        // Act
        var act = () => journal.Should().HaveReceived("CreateService");

        // Assert
        var lines = string.Concat(Enumerable.Repeat(Environment.NewLine + "  GET /v1/Services -> 200 [ListService]", 25));
        act.Should().Throw<AssertionException>().WithMessage(
            "Expected journal to have received \"CreateService\", but it received no such request. Requests received, oldest first:" + lines +
            Environment.NewLine + "  … and 2 more");
    }
}
