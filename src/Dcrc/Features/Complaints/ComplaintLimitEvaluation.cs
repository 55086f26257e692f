using Dcrc.Data;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>One limit of a case as it stands at "now": its latest round, the policy it was evaluated with, and the state.</summary>
public sealed record CaseLimit(ComplaintLimit Limit, int Round, LimitPolicy Policy, LimitState State);

/// <summary>
/// The one loop over the recorded limits of cases: one query for their events, one calendar per store, and for each
/// limit the latest round evaluated by <see cref="TimeLimit.Evaluate"/> (pure, "now" passed in). Read by the case
/// pages and the API (through <see cref="ComplaintDesk.LimitsAsync(IReadOnlyCollection{Complaint})"/>) and by
/// <see cref="ComplaintLimitsJob"/>, which records what has fallen due.
/// </summary>
public static class ComplaintLimitEvaluation
{
    public static async Task<Dictionary<long, List<CaseLimit>>> EvaluateAsync(DcrcDb db, SettingsStore settings, StoreCalendars calendars,
        IReadOnlyCollection<(long Id, int StoreId)> cases, DateTime nowUtc, CancellationToken ct = default)
    {
        var ids = cases.Select(c => c.Id).ToList();
        var events = (await db.ComplaintLimitEvents.AsNoTracking().Where(e => ids.Contains(e.ComplaintId)).ToListAsync(ct)).ToLookup(e => e.ComplaintId);
        var storeCalendars = new Dictionary<int, BusinessCalendar>();
        var result = new Dictionary<long, List<CaseLimit>>();
        foreach (var (id, storeId) in cases)
        {
            if (!storeCalendars.TryGetValue(storeId, out var calendar)) storeCalendars[storeId] = calendar = await calendars.ForStoreAsync(storeId);
            var limits = result[id] = [];
            foreach (var g in events[id].GroupBy(e => e.Limit))
            {
                var round = g.Max(e => e.Round);
                var policy = await ComplaintDesk.PolicyAsync(settings, calendar, storeId, g.Key);
                limits.Add(new(g.Key, round, policy,
                    TimeLimit.Evaluate(calendar, policy, g.Where(e => e.Round == round).Select(e => new LimitEvent(e.Kind, e.At, e.Level)), nowUtc)));
            }
        }
        return result;
    }
}
