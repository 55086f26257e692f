using Dcrc.Kernel.Security;

namespace Dcrc.Tests.Kernel;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("abcdefgh", 1)]
    [InlineData("abcdEFGH", 2)]
    [InlineData("abcdEF12", 3)]
    [InlineData("abEF12#%", 4)]
    [InlineData("密码abc123", 3)] // a non-ASCII character counts as a symbol
    public void Character_classes_are_counted_as_upper_lower_digit_symbol(string password, int classes) =>
        PasswordPolicy.CharacterClasses(password).ShouldBe(classes);

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("p@ssw0rd")]
    [InlineData("Aa123456")]
    [InlineData("woaini1314")]
    [InlineData("Admin@123")]
    public void Common_passwords_are_recognised_whatever_their_case(string password) => PasswordPolicy.IsCommon(password).ShouldBeTrue();

    [Fact]
    public void An_uncommon_password_is_not_on_the_list() => PasswordPolicy.IsCommon("Xq7#callback-room").ShouldBeFalse();

    [Fact]
    public void Defaults_follow_MLPS_and_OWASP()
    {
        var o = new SecurityOptions();
        o.PasswordMinLength.ShouldBe(8);
        o.PasswordMaxLength.ShouldBe(64);
        o.PasswordCharacterClasses.ShouldBe(3);
        o.PasswordHashIterations.ShouldBeGreaterThanOrEqualTo(210_000);
        o.LockoutFailedAttempts.ShouldBe(5);
        o.LockoutMinutes.ShouldBe(15);
        o.IdleTimeoutMinutes.ShouldBe(30);
    }
}
