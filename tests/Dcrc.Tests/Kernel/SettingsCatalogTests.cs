using Dcrc.Features.Complaints;
using Dcrc.Kernel.Settings;

namespace Dcrc.Tests.Kernel;

public class SettingsCatalogTests
{
    [Fact]
    public void Every_setting_has_a_unique_key_in_a_group() =>
        SettingsCatalog.All.Select(s => s.Key).ShouldBeUnique();

    [Fact]
    public void The_seed_numbers_are_the_defaults()
    {
        ComplaintSettings.DispatchMinutes.Default.ShouldBe(30);
        ComplaintSettings.ProposalHours.Default.ShouldBe(24);
        ComplaintSettings.ResultHours.Default.ShouldBe(48);
        ComplaintSettings.FollowUpDays.Default.ShouldBe(3);
        ((IntSetting)SettingsCatalog.Find("callbacks.failedAttemptsBeforeSms")!).Default.ShouldBe(4);
        ((IntSetting)SettingsCatalog.Find("callbacks.surveyExpiryDays")!).Default.ShouldBe(15);
    }

    [Theory]
    [InlineData(" 45 ", true, "45")]
    [InlineData("0", false, null)]
    [InlineData("1441", false, null)]
    [InlineData("3.5", false, null)]
    [InlineData("abc", false, null)]
    public void Integer_settings_are_parsed_and_range_checked(string input, bool ok, string? normalised)
    {
        ComplaintSettings.DispatchMinutes.TryNormalise(input, out var value, out var error, out _).ShouldBe(ok);
        if (ok) value.ShouldBe(normalised);
        else error.ShouldNotBeNull();
    }

    [Fact]
    public void Every_default_is_itself_valid()
    {
        foreach (var s in SettingsCatalog.All)
            s.TryNormalise(s.DefaultText, out _, out _, out _).ShouldBeTrue(s.Key);
    }
}
