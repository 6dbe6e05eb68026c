using System.Reflection;
using DotNet.Testcontainers.Configurations;

namespace FakeServerless.Testcontainers;

/// <summary>Reaches the one member of Testcontainers whose signature differs between the releases this package supports.</summary>
internal static class ContainerConfigurations
{
    /// <summary>
    /// An empty <see cref="ContainerConfiguration"/>. Its all-defaults constructor gains and changes parameters between releases
    /// (22 in 3.10; <c>command</c>'s type changes in 4.7, the startup callback's in 4.9, a connection string provider comes in 4.10),
    /// so a call compiled against 3.10 would be a <see cref="MissingMethodException"/> on 4.x: it is found at run time instead.
    /// Every other member this package uses has the same signature from 3.10 to 4.x.
    /// </summary>
    public static ContainerConfiguration Empty()
    {
        var constructor = typeof(ContainerConfiguration).GetConstructors()
            .Single(c => c.GetParameters() is { Length: > 1 } parameters && parameters.All(p => p.IsOptional));
        var defaults = constructor.GetParameters().Select(p => p.DefaultValue is DBNull ? null : p.DefaultValue).ToArray();
        return (ContainerConfiguration)constructor.Invoke(BindingFlags.Default, binder: null, defaults, culture: null);
    }
}
