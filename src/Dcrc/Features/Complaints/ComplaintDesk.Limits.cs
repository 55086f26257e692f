using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

/// <summary>The time limits of cases: each limit's policy in the unit of its setting, and the limits' state from their recorded events.</summary>
public partial class ComplaintDesk
{
    /// <summary>
    /// The policy of a limit for a store, in the unit of its setting (<see cref="ComplaintSettings"/>): dispatch in
    /// working minutes, solution and result in clock hours, follow-up in working days. The breach is told to the CR
    /// manager at once and to the GM one limit later (for the follow-up, that many days' working time).
    /// </summary>
    public static async Task<LimitPolicy> PolicyAsync(SettingsStore settings, BusinessCalendar calendar, int storeId, ComplaintLimit limit)
    {
        static EscalationStep[] Ladder(TimeSpan limit) => [new(TimeSpan.Zero, Roles.CrManager), new(limit, Roles.GeneralManager)];
        switch (limit)
        {
            case ComplaintLimit.Dispatch:
                var dispatch = TimeSpan.FromMinutes(await settings.GetAsync(ComplaintSettings.DispatchMinutes, storeId));
                return LimitPolicy.Of(dispatch, Ladder(dispatch));
            case ComplaintLimit.Proposal or ComplaintLimit.Result:
                var hours = TimeSpan.FromHours(await settings.GetAsync(limit == ComplaintLimit.Proposal ? ComplaintSettings.ProposalHours : ComplaintSettings.ResultHours, storeId));
                return LimitPolicy.OfClockTime(hours, Ladder(hours));
            default:
                var days = await settings.GetAsync(ComplaintSettings.FollowUpDays, storeId);
                return LimitPolicy.OfWorkingDays(days, Ladder(WorkingDay(calendar) * days));
        }
    }

    /// <summary>The working time of an ordinary Monday of the store's week (days of a limit count as that much working time).</summary>
    private static TimeSpan WorkingDay(BusinessCalendar calendar)
    {
        var length = calendar.PeriodsOf(new DateOnly(2001, 1, 1)).Aggregate(TimeSpan.Zero, (t, p) => t + (p.To - p.From));
        return length > TimeSpan.Zero ? length : TimeSpan.FromHours(8);
    }

    /// <summary>Every limit of a case as it stands now (latest round each).</summary>
    public async Task<Dictionary<ComplaintLimit, LimitState>> LimitsAsync(Complaint c) => (await LimitsAsync([c]))[c.Id];

    /// <summary>The limits of several cases: one query for their events, one calendar per store.</summary>
    public async Task<Dictionary<long, Dictionary<ComplaintLimit, LimitState>>> LimitsAsync(IReadOnlyCollection<Complaint> cases) =>
        (await ComplaintLimitEvaluation.EvaluateAsync(db, settings, calendars, cases.Select(c => (c.Id, c.StoreId)).ToList(), clock.GetUtcNow().UtcDateTime))
            .ToDictionary(x => x.Key, x => x.Value.ToDictionary(l => l.Limit, l => l.State));
}
