using Dcrc.Kernel;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Tests.Kernel;

public class SalutationTests
{
    [Theory]
    [InlineData("令狐文轩", "令狐")]
    [InlineData("欧阳娜", "欧阳")]
    [InlineData("司马光", "司马")]
    [InlineData("诸葛亮", "诸葛")]
    [InlineData("上官婉儿", "上官")]
    [InlineData("东方不败", "东方")]
    [InlineData("皇甫嵩", "皇甫")]
    [InlineData("慕容复", "慕容")]
    [InlineData("尉迟恭", "尉迟")]
    [InlineData("长孙无忌", "长孙")]
    [InlineData("宇文泰", "宇文")]
    [InlineData("司徒雷", "司徒")]
    [InlineData("夏侯惇", "夏侯")]
    [InlineData("杨凯瑞", "杨")]
    [InlineData("令军", "令")]
    [InlineData(" 王五 ", "王")]
    [InlineData("John Smith", "Smith")]
    [InlineData("", "")]
    public void The_surname_keeps_a_compound_surname_whole(string name, string surname) => Salutation.Surname(name).ShouldBe(surname);

    [Fact]
    public void A_person_is_addressed_by_surname_and_gender_and_by_full_name_when_the_gender_is_unknown()
    {
        Salutation.For("令狐文轩", Gender.Male, company: false).ShouldBe((Salutation.Kind.Male, "令狐"));
        Salutation.For("欧阳娜", Gender.Female, company: false).ShouldBe((Salutation.Kind.Female, "欧阳"));
        Salutation.For("杨凯瑞", Gender.Unknown, company: false).ShouldBe((Salutation.Kind.Name, "杨凯瑞"));
        Salutation.For("广州骏达物流有限公司", Gender.Unknown, company: true).ShouldBe((Salutation.Kind.Company, "广州骏达物流有限公司"));
        Salutation.For(null, Gender.Male, company: false).ShouldBe((Salutation.Kind.Neutral, ""));
        Salutation.Key(Salutation.Kind.Neutral).ShouldBe("Salutation.Neutral");
    }

    [Fact]
    public void With_the_surname_only_nothing_beyond_it_is_used()
    {
        Salutation.For("令狐文轩", Gender.Male, company: false, surnameOnly: true).ShouldBe((Salutation.Kind.Male, "令狐"));
        Salutation.For("令狐文轩", Gender.Unknown, company: false, surnameOnly: true).ShouldBe((Salutation.Kind.Neutral, ""));
        Salutation.For("广州骏达物流有限公司", Gender.Unknown, company: true, surnameOnly: true).ShouldBe((Salutation.Kind.Neutral, ""));
    }
}
