using System.Text.RegularExpressions;

namespace Dcrc.Kernel.Identifiers;

/// <summary>
/// Mainland phone numbers. Mobiles: 1[3-9] and 9 more digits, written with or without +86/0086, spaces or
/// dashes, stored as 11 digits. Landlines: area code (010, 02x, or 0 + 3 digits) and a 7–8 digit local
/// number, stored as "020-38881234"; 400/800 service numbers as 10 digits.
/// </summary>
public static partial class Phone
{
    public static string Digits(string? input)
    {
        var s = new string((input ?? "").Trim().Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (s.StartsWith("+86")) s = s[3..];
        else if (s.StartsWith("0086")) s = s[4..];
        else if (s.StartsWith("86") && s.Length == 13) s = s[2..];
        return s.Replace("+", "");
    }

    public static Checked CheckMobile(string? input)
    {
        var s = Digits(input);
        return Mobile().IsMatch(s) ? Checked.Valid(s) : Checked.Invalid("Identifier.Mobile");
    }

    public static Checked CheckLandline(string? input)
    {
        var s = Digits(input);
        if (ServiceNumber().IsMatch(s)) return Checked.Valid(s);
        var m = Landline().Match(s);
        return m.Success ? Checked.Valid($"{m.Groups[1].Value}-{m.Groups[2].Value}") : Checked.Invalid("Identifier.Landline");
    }

    /// <summary>Shown by default: 138****1234.</summary>
    public static string Mask(string? number) =>
        number is { Length: 11 } && number.All(char.IsAsciiDigit) ? number[..3] + "****" + number[7..]
        : number is { Length: > 4 } ? new string('*', number.Length - 4) + number[^4..] : number ?? "";

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex("^(0(?:10|2[0-9]|[3-9][0-9]{2}))([2-9][0-9]{6,7})$")]
    private static partial Regex Landline();

    [GeneratedRegex("^[48]00[0-9]{7}$")]
    private static partial Regex ServiceNumber();
}
