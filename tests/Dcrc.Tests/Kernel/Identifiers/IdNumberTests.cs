using Dcrc.Kernel.Identifiers;

namespace Dcrc.Tests.Kernel.Identifiers;

public class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Gender.Female)] // the example of GB 11643
    [InlineData("11010519491231002x", "1949-12-31", Gender.Female)] // lower-case x is accepted
    [InlineData("440524188001010014", "1880-01-01", Gender.Male)]
    [InlineData(" 4403 0119 9003 071230 ", "1990-03-07", Gender.Male)]
    public void Published_and_valid_numbers_pass_with_birth_date_and_gender(string input, string birth, Gender gender)
    {
        IdNumber.Parse(input, Today, out var info).Ok.ShouldBeTrue();
        info!.BirthDate.ShouldBe(DateOnly.Parse(birth));
        info.Gender.ShouldBe(gender);
        info.Number.Length.ShouldBe(18);
        info.Number.ShouldNotContain(" ");
    }

    [Fact]
    public void A_legacy_15_digit_number_is_upgraded_to_18_with_its_check_character()
    {
        var result = IdNumber.Parse("110105491231002", Today, out var info);
        result.Value.ShouldBe("11010519491231002X");
        info!.BirthDate.ShouldBe(new DateOnly(1949, 12, 31));
    }

    [Theory]
    [InlineData("110105194912310021", "Identifier.IdNumber.CheckDigit")] // one digit off
    [InlineData("11010519491231002", "Identifier.IdNumber.Format")]    // 17 characters
    [InlineData("1101051949123100X2", "Identifier.IdNumber.Format")]   // X not last
    [InlineData("990105194912310023", "Identifier.IdNumber.Area")]     // no province 99
    [InlineData("110105194902300023", "Identifier.IdNumber.BirthDate")] // 30 February
    [InlineData("110105203001010023", "Identifier.IdNumber.BirthDate")] // born in the future
    [InlineData("", "Identifier.IdNumber.Format")]
    [InlineData("11010A19491231002X", "Identifier.IdNumber.Format")]
    public void Bad_numbers_are_refused_with_the_reason(string input, string error) =>
        IdNumber.Check(input, Today).ErrorKey.ShouldBe(error);

    [Fact]
    public void Every_check_character_is_reachable()
    {
        var seen = new HashSet<char>();
        for (var seq = 0; seq < 200; seq++) seen.Add(IdNumber.CheckCharacter($"44030119900307{seq:000}"));
        seen.Count.ShouldBe(11);
    }
}
