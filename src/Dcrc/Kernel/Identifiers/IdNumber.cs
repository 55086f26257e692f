using System.Globalization;

namespace Dcrc.Kernel.Identifiers;

public enum Gender { Unknown = 0, Male = 1, Female = 2 }

/// <summary>
/// Resident ID number (居民身份证号码, GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence
/// (odd = male), and a check character (ISO 7064 MOD 11-2). Legacy 15-digit numbers (two-digit year, no
/// check character) are upgraded to 18 digits.
/// </summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // 省级行政区划代码 (GB/T 2260): the first two digits.
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83", "91",
    ];

    public sealed record Info(string Number, DateOnly BirthDate, Gender Gender);

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Checks and normalises (upper-case X, 15 → 18 digits). <paramref name="today"/> bounds the birth date.</summary>
    public static Checked Check(string? input, DateOnly today) => Parse(input, today, out _);

    public static Checked Parse(string? input, DateOnly today, out Info? info)
    {
        info = null;
        var s = (input ?? "").Trim().Replace(" ", "").ToUpperInvariant();
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit)) return Checked.Invalid("Identifier.IdNumber.Format");
            var upgraded = s[..6] + "19" + s[6..];
            s = upgraded + CheckCharacter(upgraded);
        }
        else if (s.Length != 18 || !s[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
            return Checked.Invalid("Identifier.IdNumber.Format");

        if (!Provinces.Contains(s[..2])) return Checked.Invalid("Identifier.IdNumber.Area");
        if (!DateOnly.TryParseExact(s.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1850 || birth > today)
            return Checked.Invalid("Identifier.IdNumber.BirthDate");
        if (CheckCharacter(s) != s[17]) return Checked.Invalid("Identifier.IdNumber.CheckDigit");

        info = new Info(s, birth, (s[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female);
        return Checked.Valid(s);
    }
}
