using System.Globalization;
using Dcrc.Kernel.Deadlines;

namespace Dcrc.Features.Leads;

/// <summary>An intent level and the calendar days to its next follow-up.</summary>
public sealed record IntentLevel(string Code, int Days);

/// <summary>
/// The follow-up rules of seed 000's 潜在客户跟踪表, pure: intent levels and their cadence, time slots, the
/// "unreachable only after failed calls in different slots" rule, the next follow-up day, the return to the pool.
/// </summary>
public static class LeadRules
{
    /// <summary><c>H:1,A:3,B:7,C:15</c>: codes of 1–4 letters or digits, each once, days 1–365.</summary>
    public static IReadOnlyList<IntentLevel> Levels(string text)
    {
        var list = new List<IntentLevel>();
        foreach (var part in text.Split([',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bits = part.Split([':', '：'], StringSplitOptions.TrimEntries);
            if (bits.Length != 2 || bits[0].Length is < 1 or > 4 || !bits[0].All(char.IsLetterOrDigit)
                || !int.TryParse(bits[1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 365
                || list.Any(l => string.Equals(l.Code, bits[0], StringComparison.OrdinalIgnoreCase))) return [];
            list.Add(new(bits[0].ToUpperInvariant(), days));
        }
        return list;
    }

    public static bool IsValidLevels(string text) => Levels(text).Count > 0;

    /// <summary>The store's time slots, in order (morning, afternoon, evening by default).</summary>
    public static IReadOnlyList<WorkPeriod> Slots(string text) => WorkWeek.TryParseDay(text, out var periods) ? periods : [];

    public static bool IsValidSlots(string text) => text.Trim() is not ("-" or "—") && Slots(text).Count > 0;

    /// <summary>The slot a call at this store time falls in; null outside every slot.</summary>
    public static int? SlotOf(TimeOnly local, IReadOnlyList<WorkPeriod> slots)
    {
        for (var i = 0; i < slots.Count; i++)
            if (local >= slots[i].From && local < slots[i].To) return i;
        return null;
    }

    public static bool IsFailure(LeadFeedback result) => result is LeadFeedback.NoAnswer or LeadFeedback.Busy;

    /// <summary>The customer was reached (the funnel's "contacted"): not a failed call, not unreachable, not a wrong number.</summary>
    public static bool Reached(LeadFeedback result) => !IsFailure(result) && result is not (LeadFeedback.Unreachable or LeadFeedback.WrongInfo);

    /// <summary>"Unreachable" and "other" need the reason written in the remark (意见).</summary>
    public static bool NeedsReason(LeadFeedback result) => result is LeadFeedback.Unreachable or LeadFeedback.Other;

    /// <summary>The results that end the follow-up at once.</summary>
    public static bool Closes(LeadFeedback result) => result is LeadFeedback.Unreachable;

    /// <summary>
    /// "Unreachable" is allowed only after <paramref name="required"/> consecutive failed calls (no answer, busy) — the
    /// latest ones — made in that many different time slots (as many as the store has, if it has fewer).
    /// </summary>
    public static bool MayMarkUnreachable(IEnumerable<(LeadFeedback Result, int? Slot)> attemptsInOrder, int required, int slotCount)
    {
        var trailing = attemptsInOrder.Reverse().TakeWhile(a => IsFailure(a.Result)).ToList();
        var slots = trailing.Where(a => a.Slot is not null).Select(a => a.Slot).Distinct().Count();
        return trailing.Count >= required && slots >= Math.Min(required, Math.Max(slotCount, 1));
    }

    /// <summary>The days to the next follow-up of a level (the coolest level's for one the store no longer has).</summary>
    public static int CadenceDays(IReadOnlyList<IntentLevel> levels, string level) =>
        levels.FirstOrDefault(l => string.Equals(l.Code, level, StringComparison.OrdinalIgnoreCase))?.Days ?? levels[^1].Days;

    /// <summary>
    /// The next follow-up day proposed after an attempt: a failed call is retried in the next slot — later today if the
    /// day has one, else tomorrow; a call that reached the customer waits the level's cadence.
    /// </summary>
    public static DateOnly NextFollowUp(LeadFeedback result, DateTime localNow, IReadOnlyList<WorkPeriod> slots, IReadOnlyList<IntentLevel> levels, string level)
    {
        var today = DateOnly.FromDateTime(localNow);
        if (!IsFailure(result)) return today.AddDays(CadenceDays(levels, level));
        var now = TimeOnly.FromDateTime(localNow);
        return slots.Any(s => s.From > now) ? today : today.AddDays(1);
    }

    /// <summary>A lead whose follow-up day is more than <paramref name="poolAfterDays"/> days past returns to the pool.</summary>
    public static bool ReturnsToPool(DateOnly? nextFollowUpOn, DateOnly today, int poolAfterDays) =>
        nextFollowUpOn is { } due && due.AddDays(poolAfterDays) < today;

    /// <summary>The last follow-up day that is still early enough not to return today (for a set-based query).</summary>
    public static DateOnly PoolCutoff(DateOnly today, int poolAfterDays) => today.AddDays(-poolAfterDays - 1);
}
