namespace Dcrc.Tests.Architecture;

/// <summary>
/// Kernel (Dcrc.Kernel.*) is what the features stand on: it may name no type of Dcrc.Features.* — no feature, no
/// FeatureMap, nothing of Shared — in a signature or in code (generic arguments, lambdas and async methods included).
/// A feature that Kernel must call registers an implementation of a Kernel interface (ISmsReplyHandler, IScheduledJob).
/// </summary>
public class KernelTests
{
    [Fact]
    public void Kernel_references_no_feature()
    {
        var found = IlReferences.Uses
            .Where(u => AppUnits.Of(u.Site) == AppUnits.Kernel && IsFeatureCode(u.Target))
            .Select(u => $"{u.Where} uses {u.Target.FullName} ({u.How})")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        found.ShouldBeEmpty("Kernel must not reference Dcrc.Features.*:\n" + string.Join("\n", found.Take(40)));
    }

    /// <summary>The reader is what the other rules stand on: it must resolve every token and see through generated code.</summary>
    [Fact]
    public void The_IL_reader_resolves_every_token_and_attributes_generated_code_to_its_source_method()
    {
        IlReferences.Unresolved.ShouldBeEmpty();
        IlReferences.Instructions.Count.ShouldBeGreaterThan(10_000);
        // Closures, lambda caches and state machines count as the type and method they were written in.
        var app = IlReferences.Instructions.Where(i => AppUnits.Of(i.Site) != null).ToList();
        app.Where(i => i.Site.DeclaringType != null && i.Site.Name.StartsWith('<')).Select(i => i.Site.FullName).Distinct().ShouldBeEmpty();
        // An async method's body is in the MoveNext of its state machine: seen as the method.
        app.ShouldContain(i => i.Where == "Dcrc.Kernel.Writes.UnitOfWork.SaveAsync" && i.OpCode.Name == "callvirt");
        app.Where(i => i.Method == "MoveNext").Select(i => i.Where).Distinct().ShouldBeEmpty();
    }

    private static bool IsFeatureCode(Type t)
    {
        var ns = IlReferences.Outermost(t).Namespace ?? "";
        return ns == "Dcrc.Features" || ns.StartsWith("Dcrc.Features.", StringComparison.Ordinal) || AppUnits.FeatureOf(t) != null;
    }
}
