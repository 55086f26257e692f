namespace Dcrc.Kernel.Identifiers;

/// <summary>
/// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
/// (no I, O, S, V, Z); the last is a MOD 31 check character over the first 17.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }

    public static Checked Check(string? input)
    {
        var s = (input ?? "").Trim().Replace(" ", "").ToUpperInvariant();
        if (s.Length != 18 || s.Any(c => !Alphabet.Contains(c))) return Checked.Invalid("Identifier.CreditCode.Format");
        // Characters 3–8 are the registering authority's area code: digits only.
        if (!s.Substring(2, 6).All(char.IsAsciiDigit)) return Checked.Invalid("Identifier.CreditCode.Format");
        return CheckCharacter(s) == s[17] ? Checked.Valid(s) : Checked.Invalid("Identifier.CreditCode.CheckDigit");
    }
}
