using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>One clock of a lead as it stands at "now": its latest round, the policy, the state.</summary>
public sealed record LeadClock(LeadLimit Limit, int Round, LimitPolicy Policy, LimitState State);

/// <summary>
/// The lead's clocks on the shared engine (<see cref="TimeLimit.Evaluate"/>): the OEM's feedback in clock hours, the
/// first contact in working minutes, the next follow-up due at the close of its day's work. A breach is told to the
/// sales managers at once and to the CR manager <see cref="LeadSettings.CrManagerAfterMinutes"/> working minutes later.
/// </summary>
public static class LeadLimits
{
    public static async Task<LimitPolicy> PolicyAsync(SettingsStore settings, BusinessCalendar calendar, int storeId, LeadLimit limit, DateTime startedAt, DateOnly? followUpOn)
    {
        var ladder = new[] { new EscalationStep(TimeSpan.Zero, Roles.SalesManager),
            new EscalationStep(TimeSpan.FromMinutes(await settings.GetAsync(LeadSettings.CrManagerAfterMinutes, storeId)), Roles.CrManager) };
        switch (limit)
        {
            case LeadLimit.OemFeedback:
                return LimitPolicy.OfClockTime(TimeSpan.FromHours(await settings.GetAsync(LeadSettings.OemFeedbackHours, storeId)), ladder);
            case LeadLimit.FirstContact:
                return LimitPolicy.Of(TimeSpan.FromMinutes(await settings.GetAsync(LeadSettings.FirstContactMinutes, storeId)), ladder);
            default:
                var due = CloseOf(calendar, followUpOn ?? DateOnly.FromDateTime(StoreTime.ToLocal(startedAt, calendar.Zone)));
                var budget = calendar.Between(startedAt, due);
                // Due the same day it was set and after that day's close: at once (a breach only if nobody calls).
                return LimitPolicy.Of(budget > TimeSpan.Zero ? budget : TimeSpan.FromMinutes(1), ladder);
        }
    }

    /// <summary>The close of a day's work: that day's if it is a working day, else the next working day's.</summary>
    public static DateTime CloseOf(BusinessCalendar calendar, DateOnly day) =>
        calendar.CloseOfWorkingDay(StoreTime.ToUtc(day.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), calendar.Zone), 1);

    /// <summary>The clocks of several leads: one query for their events, one calendar per store, the latest round of each.</summary>
    public static async Task<Dictionary<long, List<LeadClock>>> EvaluateAsync(DcrcDb db, SettingsStore settings, StoreCalendars calendars,
        IReadOnlyCollection<(long Id, int StoreId, DateOnly? NextFollowUpOn)> leads, DateTime nowUtc, CancellationToken ct = default)
    {
        var ids = leads.Select(c => c.Id).ToList();
        var events = (await db.LeadLimitEvents.AsNoTracking().Where(e => ids.Contains(e.LeadId)).ToListAsync(ct)).ToLookup(e => e.LeadId);
        var storeCalendars = new Dictionary<int, BusinessCalendar>();
        var result = new Dictionary<long, List<LeadClock>>();
        foreach (var (id, storeId, next) in leads)
        {
            if (!storeCalendars.TryGetValue(storeId, out var calendar)) storeCalendars[storeId] = calendar = await calendars.ForStoreAsync(storeId);
            var clocks = result[id] = [];
            foreach (var g in events[id].GroupBy(e => e.Limit))
            {
                var round = g.Max(e => e.Round);
                var history = g.Where(e => e.Round == round).Select(e => new LimitEvent(e.Kind, e.At, e.Level)).ToList();
                var started = history.Where(e => e.Kind == LimitEventKind.Started).Select(e => e.At).DefaultIfEmpty(nowUtc).Min();
                var policy = await PolicyAsync(settings, calendar, storeId, g.Key, started, next);
                clocks.Add(new(g.Key, round, policy, TimeLimit.Evaluate(calendar, policy, history, nowUtc)));
            }
        }
        return result;
    }
}
