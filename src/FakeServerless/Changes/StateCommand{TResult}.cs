namespace FakeServerless.Changes;

/// <summary>A <see cref="StateCommand"/> whose C# call returns a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">What the C# call returns.</typeparam>
internal abstract record StateCommand<TResult> : StateCommand
{
    public abstract TResult Apply(CommandTarget target);

    public sealed override object? Execute(CommandTarget target) => Apply(target);
}
