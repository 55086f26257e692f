using System.Reflection;
using System.Text.RegularExpressions;
using Dcrc.Kernel.Settings;
using Dcrc.Tests.Infrastructure;

namespace Dcrc.Tests.Kernel;

/// <summary>
/// A setting of the <see cref="SettingsGroupAttribute"/> catalogue that no code reads is a promise the system does not
/// keep: the administrator changes it and nothing happens. Each setting's field must be named (Group.Field) in some
/// source file of src/Dcrc other than the one declaring the group, outside comments — or, in the declaring file, used
/// by its bare name somewhere besides its declaration (a group that maps a key to its setting, as the calendar's
/// weekdays do). The user guide (Features/Help) names settings only to show their values: that is no reading.
/// </summary>
public class SettingsReadTests
{
    [Fact]
    public void Every_setting_of_the_catalogue_is_read_by_some_code()
    {
        var files = SourceTree.Files.Where(f => !f.Path.StartsWith("Features/Help/", StringComparison.Ordinal))
            .Select(f => (f.Path, Text: SourceTree.WithoutComments(f.Text))).ToList();
        var unread = new List<string>();
        foreach (var group in typeof(SettingsCatalog).Assembly.GetTypes().Where(t => t.GetCustomAttribute<SettingsGroupAttribute>() != null))
        {
            var declaring = files.Where(f => Regex.IsMatch(f.Text, $@"\bclass\s+{group.Name}\b")).Select(f => f.Path).ToList();
            declaring.ShouldNotBeEmpty(group.Name);
            foreach (var field in group.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => typeof(SettingDefinition).IsAssignableFrom(f.FieldType)))
            {
                var use = new Regex($@"\b{group.Name}\.{field.Name}\b");
                var bare = new Regex($@"(?<![\.\w]){field.Name}\b");
                if (!files.Any(f => !declaring.Contains(f.Path) && use.IsMatch(f.Text))
                    && !files.Any(f => declaring.Contains(f.Path) && bare.Matches(f.Text).Count > 1))
                    unread.Add($"{((SettingDefinition)field.GetValue(null)!).Key} ({group.Name}.{field.Name})");
            }
        }
        unread.ShouldBeEmpty();
    }

    [Fact]
    public void The_source_tree_is_found_from_the_test_assembly() =>
        SourceTree.Files.ShouldContain(f => f.Path == "Kernel/Settings/SettingDefinitions.cs");
}
