using System.Globalization;
using System.Text.RegularExpressions;

namespace Dcrc.Features.Customers;

/// <summary>
/// Archive numbers (档案编号) by a configurable rule, default <c>{store}-{yyyyMM}-{seq:6}</c>: the store code,
/// the period, and a sequence that restarts each period. Tokens: {store}, {yyyy}, {yyyyMM}, {yyyyMMdd},
/// {seq} or {seq:N} (zero-padded to N). The sequence is kept per store and period key, so numbers are never
/// reused (see <see cref="ArchiveSequence"/>).
/// </summary>
public static partial class ArchiveNumber
{
    public static bool IsValidRule(string rule) =>
        SeqToken().Matches(rule).Count == 1 && Tokens().Matches(rule).All(m => KnownToken(m.Groups[1].Value));

    private static bool KnownToken(string t) => t is "store" or "yyyy" or "yyyyMM" or "yyyyMMdd" || SeqToken().IsMatch("{" + t + "}");

    /// <summary>The part that decides when the sequence restarts: the rule with {seq} taken out, formatted.</summary>
    public static string PeriodKey(string rule, string storeCode, DateOnly day) => Format(rule, storeCode, day, null);

    public static string Format(string rule, string storeCode, DateOnly day, long? sequence) =>
        Tokens().Replace(rule, m => m.Groups[1].Value switch
        {
            "store" => storeCode,
            "yyyy" => day.ToString("yyyy", CultureInfo.InvariantCulture),
            "yyyyMM" => day.ToString("yyyyMM", CultureInfo.InvariantCulture),
            "yyyyMMdd" => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            var t when sequence is null => "{seq}",
            var t => sequence.Value.ToString(CultureInfo.InvariantCulture).PadLeft(Width(t), '0'),
        });

    private static int Width(string token) => token.Contains(':') ? int.Parse(token[(token.IndexOf(':') + 1)..], CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex(@"\{([A-Za-z]+(?::\d{1,2})?)\}")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"\{seq(?::\d{1,2})?\}")]
    private static partial Regex SeqToken();
}
