namespace FakeServerless.Changes;

/// <summary>A <see cref="StateCommand"/> whose C# call returns a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">What the C# call returns.</typeparam>
internal abstract record StateCommand<TResult> : StateCommand
{
    public abstract TResult Apply(CommandTarget target);

    /// <summary>
    /// Durable mode, under the write gate, before the command is logged: the command with whatever replay must not draw again
    /// (a minted key's secret) filled in, so the log row carries it. Changes nothing.
    /// </summary>
    public virtual StateCommand<TResult> Prepare(CommandTarget target) => this;

    public sealed override object? Execute(CommandTarget target) => Apply(target);
}
