namespace Dcrc.Kernel.Identifiers;

/// <summary>
/// Vehicle identification number (车辆识别代号, ISO 3779 / GB 16735): 17 characters without I, O, Q; the
/// 9th is a check digit (0–9 or X), which GB 16735 makes mandatory for vehicles sold in China.
/// </summary>
public static class Vin
{
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1, 'B' or 'K' or 'S' => 2, 'C' or 'L' or 'T' => 3, 'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5, 'F' or 'W' => 6, 'G' or 'P' or 'X' => 7, 'H' or 'Y' => 8, 'R' or 'Z' => 9,
        _ => -1,
    };

    public static char CheckDigit(string vin)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Value(vin[i]) * Weights[i];
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    public static Checked Check(string? input)
    {
        var s = (input ?? "").Trim().Replace(" ", "").ToUpperInvariant();
        if (s.Length != 17) return Checked.Invalid("Identifier.Vin.Length");
        if (s.Any(c => Value(c) < 0)) return Checked.Invalid("Identifier.Vin.Characters");
        return CheckDigit(s) == s[8] ? Checked.Valid(s) : Checked.Invalid("Identifier.Vin.CheckDigit");
    }
}
