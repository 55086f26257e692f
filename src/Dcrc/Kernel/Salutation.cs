using Dcrc.Kernel.Identifiers;

namespace Dcrc.Kernel;

/// <summary>
/// How a script addresses a customer (pure): a person by surname with 先生/女士 from the gender — a compound
/// surname whole (令狐先生, not 令先生) — by the full name when the gender is unknown (no guess), a company by
/// its name; with no name to use (a class-A archive the viewer may not see), the neutral form. The result is
/// a resource key of the <c>Salutation.*</c> family and its argument.
/// </summary>
public static class Salutation
{
    public enum Kind { Male, Female, Name, Company, Neutral }

    public const string KeyPrefix = "Salutation.";

    /// <summary>The surname of a name: a compound surname's two characters, else the first; a Latin name's last word.</summary>
    public static string Surname(string? name)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0) return "";
        if (!n.Any(IsCjk)) return n.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        return n.Length >= 2 && Pinyin.Pinyin.IsCompoundSurname(n[..2]) ? n[..2] : n[..1];
    }

    /// <param name="name">the customer's name as the viewer may use it (null or empty: none)</param>
    /// <param name="surnameOnly">the viewer may use the surname alone (class A without the class-A right)</param>
    public static (Kind Kind, string Arg) For(string? name, Gender gender, bool company, bool surnameOnly = false)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0) return (Kind.Neutral, "");
        if (company) return surnameOnly ? (Kind.Neutral, "") : (Kind.Company, n);
        return gender switch
        {
            Gender.Male => (Kind.Male, Surname(n)),
            Gender.Female => (Kind.Female, Surname(n)),
            _ => surnameOnly ? (Kind.Neutral, "") : (Kind.Name, n),
        };
    }

    public static string Key(Kind kind) => KeyPrefix + kind;

    private static bool IsCjk(char c) => c >= '\u3400' && c <= '\u9fff';
}
