namespace Aspire.Hosting.ApplicationModel;

/// <summary>Gives the builder extensions the settings behind a fake's read-only public properties.</summary>
internal interface IFakeServerlessSettingsOwner
{
    FakeServerlessSettings Settings { get; }
}
