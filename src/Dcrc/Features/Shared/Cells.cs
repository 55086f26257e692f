namespace Dcrc.Features.Shared;

/// <summary>How a table cell is laid out: a number, a date or a time (2026-11-25 09:53, 2026-11-28 – 12-03, 87.5 %) stays on one line.</summary>
public static class Cells
{
    public static bool NumberLike(string? text) =>
        text is { Length: > 0 } t && t.Any(char.IsAsciiDigit) && t.All(c => char.IsAsciiDigit(c) || " .,:%+-–~/()（）*".Contains(c));

    /// <summary>The class of a cell showing <paramref name="text"/>: <c>text-nowrap</c> for a number or a date, none otherwise.</summary>
    public static string? Class(string? text) => NumberLike(text) ? "text-nowrap" : null;
}
