namespace Dcrc.Tests.Architecture;

/// <summary>
/// Which part of the app a type belongs to, by the namespace of its outermost declaring type: a feature (the segment
/// after Dcrc.Features.), Kernel (Dcrc.Kernel.*, and Dcrc.SharedResource of Kernel/Localization), Data (the context,
/// the schema scripts, the demo seeding) or the composition root (FeatureMap in Dcrc.Features,
/// Dcrc.Features.Shared, Program). Razor views compile to AspNetCoreGeneratedDocument.Features_Callbacks_Task and
/// the like: the feature is in the name.
/// </summary>
public static class AppUnits
{
    public const string Kernel = "Kernel";
    public const string Data = "Data";
    public const string CompositionRoot = "composition root";

    /// <summary>The unit of a type, or null for code outside the app's namespaces (framework, generated regexes).</summary>
    public static string? Of(Type type)
    {
        var outer = IlReferences.Outermost(type);
        if (outer.Assembly != IlReferences.App) return null;
        var ns = outer.Namespace ?? "";
        if (ns == "AspNetCoreGeneratedDocument") return OfView(outer.Name);
        if (ns == "Dcrc" || In(ns, "Dcrc.Kernel")) return Kernel;
        if (In(ns, "Dcrc.Data")) return Data;
        if (ns == "Dcrc.Features") return CompositionRoot;
        if (ns.StartsWith("Dcrc.Features.", StringComparison.Ordinal))
        {
            var feature = ns.Split('.')[2];
            return feature == "Shared" ? CompositionRoot : feature;
        }
        return ns == "" && outer.Name is "Program" or "<Program>$" ? CompositionRoot : null;
    }

    /// <summary>The feature a type belongs to, or null for Kernel, Data, the composition root and framework code.</summary>
    public static string? FeatureOf(Type type) => Of(type) is { } unit && unit is not (Kernel or Data or CompositionRoot) ? unit : null;

    /// <summary>Features_Customers_Filing_Checks → Customers; Features_Home_Index → Home; Features__ViewImports → composition root.</summary>
    private static string? OfView(string name)
    {
        var parts = name.Split('_');
        if (parts[0] != "Features") return parts[0] == "Kernel" ? Kernel : null;
        if (parts.Length < 3 || parts[1].Length == 0) return CompositionRoot;
        return parts[1] == "Shared" ? CompositionRoot : parts[1];
    }

    private static bool In(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
}
