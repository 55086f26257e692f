using System.Text.RegularExpressions;

namespace Dcrc.Kernel.Identifiers;

/// <summary>
/// Chinese plate numbers (GA 36): province character + issuing-authority letter + 5 characters, or 6 for
/// new-energy plates (D/F… marking the energy type, GA 36-2018); special suffixes for coach (学), police
/// (警), trailer (挂), Hong Kong/Macao (港/澳) and consulate (领) plates. Letters I and O never occur.
/// </summary>
public static partial class PlateNumber
{
    public const string ProvinceCharacters = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    public static Checked Check(string? input)
    {
        var s = Normalise(input);
        if (s.Length < 7 || s.Length > 8) return Checked.Invalid("Identifier.Plate.Length");
        if (!ProvinceCharacters.Contains(s[0])) return Checked.Invalid("Identifier.Plate.Province");
        return (s.Length == 7 ? Ordinary() : NewEnergy()).IsMatch(s) ? Checked.Valid(s) : Checked.Invalid("Identifier.Plate.Format");
    }

    /// <summary>Upper case, without spaces, dots (粤A·12345) and dashes.</summary>
    public static string Normalise(string? input) =>
        new((input ?? "").Trim().ToUpperInvariant().Where(c => c is not (' ' or '·' or '•' or '.' or '-')).ToArray());

    // 粤A12345, 粤AB1234, 粤A1234学, 粤A1234警, 粤A1234挂, 粤Z1234港, 粤A1234领
    [GeneratedRegex("^.[A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9学警挂港澳领试超]$")]
    private static partial Regex Ordinary();

    // small new-energy 粤AD12345 / 粤AF1A234; large new-energy 粤A12345D
    [GeneratedRegex("^.[A-HJ-NP-Z](?:[A-HJK][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[A-HJK])$")]
    private static partial Regex NewEnergy();
}
