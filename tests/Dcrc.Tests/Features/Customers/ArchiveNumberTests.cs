using Dcrc.Features.Customers;

namespace Dcrc.Tests.Features.Customers;

public class ArchiveNumberTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    [Fact]
    public void The_default_rule_gives_store_month_and_a_six_digit_sequence() =>
        ArchiveNumber.Format(ArchiveSettings.NumberRule.Default, "TH", Day, 42).ShouldBe("TH-202611-000042");

    [Fact]
    public void The_sequence_restarts_with_the_period_of_the_rule()
    {
        ArchiveNumber.PeriodKey("{store}-{yyyyMM}-{seq:6}", "TH", Day).ShouldBe("TH-202611-{seq}");
        ArchiveNumber.PeriodKey("{store}{yyyy}{seq:5}", "NS", Day).ShouldBe("NS2026{seq}");
    }

    [Theory]
    [InlineData("DA{yyyyMMdd}{seq:4}", "DA202611220007")]
    [InlineData("{store}/{seq}", "TH/7")]
    public void Other_rules_format_as_written(string rule, string expected) => ArchiveNumber.Format(rule, "TH", Day, 7).ShouldBe(expected);

    [Theory]
    [InlineData("{store}-{yyyyMM}-{seq:6}", true)]
    [InlineData("{store}-{yyyyMM}", false)]          // no sequence: numbers would repeat
    [InlineData("{seq}-{seq}", false)]
    [InlineData("{store}-{month}-{seq}", false)]      // unknown token
    public void Rules_need_exactly_one_sequence_and_known_tokens(string rule, bool valid) => ArchiveNumber.IsValidRule(rule).ShouldBe(valid);
}

public class ArchiveNumberSettingTests
{
    [Fact]
    public void The_rule_setting_refuses_a_rule_without_a_sequence()
    {
        ArchiveSettings.NumberRule.TryNormalise("{store}-{yyyyMM}", out _, out var error, out _).ShouldBeFalse();
        error.ShouldBe("Validation.ArchiveNumberRule");
        ArchiveSettings.NumberRule.TryNormalise("{store}{yyyy}{seq:5}", out var ok, out _, out _).ShouldBeTrue();
        ok.ShouldBe("{store}{yyyy}{seq:5}");
    }
}

public class NameKeysTests
{
    [Fact]
    public void Keys_of_a_long_company_name_fit_the_column_and_keep_the_main_spelling()
    {
        var keys = Customer.KeysFor("广州市华信医疗器械科技发展有限公司重庆长安分公司", person: false);
        keys.Length.ShouldBeLessThanOrEqualTo(Customer.NameKeysLength);
        keys.ShouldStartWith("guangzhoushi");
    }
}

public class CustomerNameTests
{
    [Fact]
    public void Setting_a_name_fills_every_pinyin_column()
    {
        var c = new Customer();
        c.SetName("曾小贤", person: true);
        (c.NamePinyin, c.NameInitials).ShouldBe(("zengxiaoxian", "zxx"));
        c.NameKeys.ShouldStartWith("zengxiaoxian");
    }
}
