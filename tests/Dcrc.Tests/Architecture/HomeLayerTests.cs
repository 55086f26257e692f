namespace Dcrc.Tests.Architecture;

/// <summary>
/// Home (Dcrc.Features.Home, the page at <c>/</c>) is the top of the features: it reads Customers, Callbacks, Calls
/// and Complaints to show each role its day, and nothing names it back — no feature, no part of the shell — except
/// FeatureMap, which registers its services. A feature's figure that Home shows stays the feature's service.
/// </summary>
public class HomeLayerTests
{
    public const string Home = "Home";

    [Fact]
    public void No_feature_references_the_home()
    {
        var found = IlReferences.Uses
            .Where(u => AppUnits.Of(u.Target) == Home && AppUnits.Of(u.Site) is { } from && from != Home
                && !(from == AppUnits.CompositionRoot && IlReferences.Outermost(u.Site).Name == "FeatureMap"))
            .Select(u => $"{u.Where} uses {u.Target.FullName} ({u.How})")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        found.ShouldBeEmpty("Home is the top layer; nothing but FeatureMap may name it:\n" + string.Join("\n", found.Take(40)));
    }

    [Fact]
    public void The_home_is_a_feature_of_its_own()
    {
        AppUnits.Of(typeof(Dcrc.Features.Home.IndexModel)).ShouldBe(Home);
        IlReferences.Uses.ShouldContain(u => AppUnits.Of(u.Site) == Home && AppUnits.Of(u.Target) == "Complaints");
    }
}
