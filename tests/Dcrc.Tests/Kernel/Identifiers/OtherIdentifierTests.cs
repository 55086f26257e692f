using Dcrc.Kernel.Identifiers;

namespace Dcrc.Tests.Kernel.Identifiers;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example used with GB 32100
    [InlineData("91110000600037341L")]
    [InlineData("914403001922038216")]
    [InlineData(" 91350100m000100y43 ")]
    public void Valid_codes_pass_normalised(string input)
    {
        var r = CreditCode.Check(input);
        r.Ok.ShouldBeTrue();
        r.Value.ShouldBe(input.Trim().ToUpperInvariant());
    }

    [Theory]
    [InlineData("91350100M000100Y44", "Identifier.CreditCode.CheckDigit")]
    [InlineData("91350100M000100Y4", "Identifier.CreditCode.Format")]
    [InlineData("91350100M000100YI3", "Identifier.CreditCode.Format")] // I is not in the alphabet
    [InlineData("913501O0M000100Y43", "Identifier.CreditCode.Format")] // area code must be digits
    public void Bad_codes_are_refused_with_the_reason(string input, string error) => CreditCode.Check(input).ErrorKey.ShouldBe(error);
}

public class VinTests
{
    [Theory]
    [InlineData("1M8GDM9AXKP042788")] // ISO 3779 worked example (check digit X)
    [InlineData("11111111111111111")]
    [InlineData("LFV2A21K8A3000001")]
    [InlineData("lsvau2a34n2184736")]
    public void Valid_vins_pass_in_upper_case(string input) => Vin.Check(input).Value.ShouldBe(input.ToUpperInvariant());

    [Theory]
    [InlineData("LSVAU2A35N2184736", "Identifier.Vin.CheckDigit")]
    [InlineData("LSVAU2A34N218473", "Identifier.Vin.Length")]
    [InlineData("LSVAU2A34N2184736Z", "Identifier.Vin.Length")]
    [InlineData("LSVAU2A34N21847O6", "Identifier.Vin.Characters")] // O
    [InlineData("LSVAU2A34N21847Q6", "Identifier.Vin.Characters")] // Q
    [InlineData("LSVIU2A34N2184736", "Identifier.Vin.Characters")] // I
    public void Bad_vins_are_refused_with_the_reason(string input, string error) => Vin.Check(input).ErrorKey.ShouldBe(error);
}

public class PlateNumberTests
{
    [Theory]
    [InlineData("粤A12345", "粤A12345")]
    [InlineData("粤b·8a8c8", "粤B8A8C8")]
    [InlineData("京N-12345", "京N12345")]
    [InlineData("粤AD12345", "粤AD12345")] // small new-energy, pure electric
    [InlineData("粤AFA1234", "粤AFA1234")] // small new-energy, hybrid
    [InlineData("粤A12345D", "粤A12345D")] // large new-energy
    [InlineData("粤A1234学", "粤A1234学")]
    [InlineData("粤A1234警", "粤A1234警")]
    [InlineData("粤Z1234港", "粤Z1234港")]
    [InlineData("沪A1234挂", "沪A1234挂")]
    public void Valid_plates_pass_normalised(string input, string expected) => PlateNumber.Check(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("A12345", "Identifier.Plate.Length")]
    [InlineData("AA123456", "Identifier.Plate.Province")]
    [InlineData("粤I12345", "Identifier.Plate.Format")] // no letter I
    [InlineData("粤A1234O", "Identifier.Plate.Format")]  // no letter O
    [InlineData("粤A123456", "Identifier.Plate.Format")] // 8 characters but not a new-energy pattern
    [InlineData("粤1A2345", "Identifier.Plate.Format")]  // authority letter missing
    public void Bad_plates_are_refused_with_the_reason(string input, string error) => PlateNumber.Check(input).ErrorKey.ShouldBe(error);
}

public class PhoneTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("0086-138-1234-5678", "13812345678")]
    [InlineData("8613812345678", "13812345678")]
    [InlineData("199 0000 1111", "19900001111")]
    public void Mobiles_are_normalised_to_11_digits(string input, string expected) => Phone.CheckMobile(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("020-38881234")]
    public void Bad_mobiles_are_refused(string input) => Phone.CheckMobile(input).ErrorKey.ShouldBe("Identifier.Mobile");

    [Theory]
    [InlineData("020-38881234", "020-38881234")]
    [InlineData("(010) 6552 1234", "010-65521234")]
    [InlineData("0755 2666 1234", "0755-26661234")]
    [InlineData("+86 20 3888 1234", "020-38881234")]
    [InlineData("400-800-8888", "4008008888")]
    public void Landlines_are_normalised_with_area_code(string input, string expected)
    {
        // "+86 20 …" drops the trunk 0; it comes back with the area code.
        var digits = input.StartsWith("+86") ? "0" + Phone.Digits(input) : input;
        Phone.CheckLandline(digits).Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("38881234")]   // no area code
    [InlineData("020-1888123")] // local numbers do not start with 1
    [InlineData("13812345678")]
    public void Bad_landlines_are_refused(string input) => Phone.CheckLandline(input).ErrorKey.ShouldBe("Identifier.Landline");

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("020-38881234", "********1234")]
    [InlineData("", "")]
    public void Numbers_are_masked_for_display(string input, string masked) => Phone.Mask(input).ShouldBe(masked);
}

public class PostcodeAndEmailTests
{
    [Theory]
    [InlineData("510620", true)]
    [InlineData("010000", true)] // Hohhot
    [InlineData("000000", false)]
    [InlineData("99999", false)]
    [InlineData("5106201", false)]
    public void Postcodes_are_six_digits_of_a_postal_province(string input, bool ok) => Postcode.Check(input).Ok.ShouldBe(ok);

    [Theory]
    [InlineData("Zhang.San@Example.COM", "zhang.san@example.com")]
    [InlineData("li+dcrc@mail.163.com", "li+dcrc@mail.163.com")]
    public void Emails_are_stored_in_lower_case(string input, string expected) => Email.Check(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("zhangsan@")]
    [InlineData("zhang san@example.com")]
    [InlineData("zhangsan@example")]
    [InlineData("@example.com")]
    public void Bad_emails_are_refused(string input) => Email.Check(input).ErrorKey.ShouldBe("Identifier.Email");
}
