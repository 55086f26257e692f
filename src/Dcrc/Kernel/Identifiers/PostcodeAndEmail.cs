using System.Text.RegularExpressions;

namespace Dcrc.Kernel.Identifiers;

/// <summary>Mainland postcode: six digits, the first two a postal province (01–86).</summary>
public static partial class Postcode
{
    public static Checked Check(string? input)
    {
        var s = (input ?? "").Trim();
        return Pattern().IsMatch(s) ? Checked.Valid(s) : Checked.Invalid("Identifier.Postcode");
    }

    [GeneratedRegex("^(?:0[1-9]|[1-7][0-9]|8[0-6])[0-9]{4}$")]
    private static partial Regex Pattern();
}

/// <summary>An email address: one @, a dotted domain, no spaces, at most 254 characters; stored in lower case.</summary>
public static partial class Email
{
    public static Checked Check(string? input)
    {
        var s = (input ?? "").Trim();
        return s.Length <= 254 && Pattern().IsMatch(s) ? Checked.Valid(s.ToLowerInvariant()) : Checked.Invalid("Identifier.Email");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")]
    private static partial Regex Pattern();
}
