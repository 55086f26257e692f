namespace Dcrc.Tests.Architecture;

/// <summary>
/// An allow-list checked both ways: what is found and not listed fails, and so does a listed entry no longer found —
/// the list can only shrink (remove the entry when the code it names is gone).
/// </summary>
public static class AllowList
{
    /// <param name="found">What the rule found, each with where it was seen (type.method and how).</param>
    public static void ShouldMatch<TKey>(IEnumerable<(TKey Key, string Seen)> found, IReadOnlyDictionary<TKey, string> allowed, string rule)
        where TKey : notnull
    {
        var seen = found.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Select(f => f.Seen).Distinct().Order(StringComparer.Ordinal).ToList());
        var unlisted = seen.Where(s => !allowed.ContainsKey(s.Key)).OrderBy(s => s.Key.ToString(), StringComparer.Ordinal).ToList();
        var stale = allowed.Keys.Where(k => !seen.ContainsKey(k)).Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
        var message = "";
        if (unlisted.Count > 0)
            message += $"{rule} — not on the allow-list ({unlisted.Count}):\n"
                       + string.Join("\n", unlisted.Select(u => $"  {u.Key}\n" + string.Join("\n", u.Value.Take(5).Select(s => "      " + s)))) + "\n";
        if (stale.Count > 0)
            message += $"{rule} — on the allow-list but no longer found; remove the entry ({stale.Count}):\n" + string.Join("\n", stale.Select(s => "  " + s)) + "\n";
        (unlisted.Count + stale.Count).ShouldBe(0, message);
    }
}
