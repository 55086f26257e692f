namespace Dcrc.Features.Customers;

/// <summary>Free tags of a customer (000 客户资料档案管理制度 一.3), stored as one comma-separated column.</summary>
public static class Tags
{
    public const int MaxTags = 10, MaxLength = 20;
    /// <summary>The column's length (Customer.Tags).</summary>
    public const int MaxStored = 250;
    private static readonly char[] Separators = [',', '，', '、', ';', '；', ' ', '\u3000'];

    public static IReadOnlyList<string> Split(string? tags) =>
        (tags ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    /// <summary>The stored form ("老客户,车队"), or null with an error key when there are too many or too long.</summary>
    public static (string? Value, string? ErrorKey) Normalise(string? input)
    {
        var tags = Split(input);
        var stored = string.Join(',', tags);
        if (tags.Count > MaxTags || tags.Any(t => t.Length > MaxLength) || stored.Length > MaxStored) return (null, "Validation.Tags");
        return (tags.Count == 0 ? null : stored, null);
    }
}
