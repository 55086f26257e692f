using System.Text.RegularExpressions;
using System.Xml.Linq;
using HelpPages = Dcrc.Features.Help.HelpPages;
using HelpRoles = Dcrc.Features.Help.HelpRoles;

namespace Dcrc.Tests.Features.Help;

/// <summary>The guide's tables: which page opens which section, and every text the guide shows, in both languages, with its numbers.</summary>
public partial class HelpPagesTests
{
    [Theory]
    [InlineData("/", "home")]
    [InlineData("", null)]
    [InlineData("/Callbacks", "callbacks")]
    [InlineData("/Callbacks/123", "callbacks")]
    [InlineData("/callbacks/reports/daily", "callbackReports")]
    [InlineData("/Callbacks/Questionnaires", "questionnaires")]
    [InlineData("/Customers/42/Card", "customers")]
    [InlineData("/Customers/Filing/Checks", "checks")]
    [InlineData("/Customers/Due", "due")]
    [InlineData("/Vehicles/LFV2A21K0A4000001/Edit", "vehicles")]
    [InlineData("/Complaints/New?callId=7", "complaintNew")]
    [InlineData("/Complaints/15", "complaints")]
    [InlineData("/Calls/Lines/", "lines")]
    [InlineData("/Admin/Users/Edit/abc", "users")]
    [InlineData("/ApiDocs", "api")]
    [InlineData("/CustomersX", null)]
    [InlineData("/Nowhere", null)]
    [InlineData("//evil.example/Callbacks", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("https://evil.example/Callbacks", null)]
    [InlineData(null, null)]
    public void A_page_path_opens_the_section_of_its_longest_prefix(string? path, string? section) =>
        HelpPages.SectionOf(path).ShouldBe(section);

    [Fact]
    public void Every_prefix_names_a_section_and_every_section_with_a_page_is_opened_by_it()
    {
        HelpPages.Table.Select(t => t.Section).Where(s => HelpPages.Find(s) is null).ShouldBeEmpty();
        HelpPages.Table.Select(t => t.Prefix).ShouldBeUnique();
        HelpPages.Sections.Select(s => s.Key).ShouldBeUnique();
        HelpPages.Sections.Where(s => s.Url != null && HelpPages.SectionOf(s.Url) != s.Key).Select(s => s.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Every_page_of_the_navigation_has_its_section() =>
        Dcrc.Features.Shared.Shell.Navigation.Where(n => n.Url != "/Help" && HelpPages.SectionOf(n.Url) is null).Select(n => n.Url).ShouldBeEmpty();

    [Fact]
    public void Every_role_has_a_guide_whose_pages_exist()
    {
        Dcrc.Kernel.Access.Roles.All.Select(r => r.Name).Where(r => HelpRoles.Find(r) is null).ShouldBeEmpty();
        HelpRoles.All.SelectMany(g => g.Pages).Where(p => HelpPages.Find(p) is null).ShouldBeEmpty();
    }

    private static string ResourceDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../../src/Dcrc/Resources"));

    private static Dictionary<string, string> Load(string culture) =>
        XDocument.Load(Path.Combine(ResourceDir(), $"SharedResource.{culture}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    /// <summary>Every paragraph of the guide is in both languages and has exactly as many placeholders as the values it is given.</summary>
    [Fact]
    public void Every_text_of_the_guide_is_in_both_languages_with_a_placeholder_per_value()
    {
        var paragraphs = HelpRoles.All.SelectMany(g => g.Routine).Concat(HelpPages.Sections.SelectMany(s => s.Text)).ToList();
        var keys = paragraphs.Select(p => p.Key)
            .Concat(HelpRoles.All.Select(g => $"Help.Role.{g.Role}.Purpose"))
            .Concat(HelpPages.Sections.Select(s => s.TitleKey))
            .Concat(HelpRoles.All.SelectMany(g => g.Rules).Select(s => "Setting." + s.Key)).ToList();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var texts = Load(culture);
            keys.Where(k => !texts.ContainsKey(k)).ShouldBeEmpty(culture);
            texts.Keys.Where(k => (k.StartsWith("Help.Role.") || k.StartsWith("Help.Page.")) && !keys.Contains(k)).ShouldBeEmpty("unused in " + culture);
            paragraphs.Where(p => Placeholder().Matches(texts[p.Key]).Select(m => m.Value).Distinct().Count() != p.Values.Length)
                .Select(p => p.Key).ShouldBeEmpty(culture);
        }
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
