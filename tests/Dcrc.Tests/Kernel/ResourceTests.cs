using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;

namespace Dcrc.Tests.Kernel;

/// <summary>Both languages carry every key, English has no Chinese left in it, and every catalogued name has its labels.</summary>
public partial class ResourceTests
{
    private static string ResourceDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../src/Dcrc/Resources"));

    private static Dictionary<string, string> Load(string culture) =>
        XDocument.Load(Path.Combine(ResourceDir(), $"SharedResource.{culture}.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static readonly Dictionary<string, string> Zh = Load("zh-CN");
    private static readonly Dictionary<string, string> En = Load("en");

    [Fact]
    public void Both_languages_have_the_same_keys()
    {
        Zh.Keys.Except(En.Keys).ShouldBeEmpty("missing in English");
        En.Keys.Except(Zh.Keys).ShouldBeEmpty("missing in Chinese");
    }

    [Fact]
    public void English_strings_contain_no_Chinese() =>
        En.Where(kv => kv.Key != "Language.Chinese" && Cjk().IsMatch(kv.Value)).Select(kv => kv.Key).ShouldBeEmpty();

    [Fact]
    public void Chinese_strings_are_translated()
    {
        // Strings that are the same in both languages by nature.
        var same = new HashSet<string> { "Unit.Percent", "Language.Chinese", "Language.English", "Field.Sfx", "Salutation.Name", "Salutation.Company" }; // a language's own name; SFX is the OEM's code in both; a name or company addressed as it is
        Zh.Where(kv => !same.Contains(kv.Key) && kv.Value == En[kv.Key]).Select(kv => kv.Key).ShouldBeEmpty();
        Zh.Where(kv => !same.Contains(kv.Key) && !Cjk().IsMatch(kv.Value) && !kv.Key.StartsWith("Unit.")).Select(kv => kv.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        foreach (var (key, zh) in Zh)
            Placeholder().Matches(zh).Select(m => m.Value).Distinct().Order()
                .ShouldBe(Placeholder().Matches(En[key]).Select(m => m.Value).Distinct().Order(), key);
    }

    [Fact]
    public void Every_role_permission_setting_and_audit_action_has_its_label()
    {
        var needed = Roles.All.Select(r => "Role." + r.Name)
            .Concat(PermissionCatalog.All.Select(p => "Permission." + p.Name))
            .Concat(SettingsCatalog.All.Select(s => "Setting." + s.Key))
            .Concat(SettingsCatalog.All.Select(s => "SettingGroup." + s.Group))
            .Concat(SettingsCatalog.All.Where(s => s.Unit != SettingUnit.None).Select(s => "Unit." + s.Unit))
            .Concat(AuditActionCatalog.All.Select(a => "AuditAction." + a));
        needed.Where(k => !Zh.ContainsKey(k)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
