using System.Reflection;

namespace Dcrc.Kernel.Access;

/// <summary>A fine-grained permission (e.g. <c>customers.unmask</c>) and the built-in roles that get it by default.</summary>
public sealed record Permission(string Name, params string[] DefaultRoles)
{
    /// <summary>May be granted to its default roles only (keeps the three administrators apart).</summary>
    public bool Exclusive { get; init; }

    public string Policy => PermissionPolicies.Prefix + Name;
    public override string ToString() => Name;
}

/// <summary>Marks a static class whose <see cref="Permission"/> fields belong to the catalog. Each feature declares its own.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PermissionSetAttribute : Attribute;

public static class PermissionCatalog
{
    private static readonly Lazy<IReadOnlyList<Permission>> _all = new(() =>
        typeof(PermissionCatalog).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<PermissionSetAttribute>() != null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(Permission))
            .Select(f => (Permission)f.GetValue(null)!)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<Permission> All => _all.Value;

    public static bool Exists(string name) => All.Any(p => p.Name == name);
}
