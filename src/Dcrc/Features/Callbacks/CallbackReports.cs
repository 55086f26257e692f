using Dcrc.Data;
using Dcrc.Features.Customers.Records;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The callback figures (SPEC §9, 002 表7/表8): per sales consultant, service advisor or repair team, the deliveries
/// or repair orders of a date range and how their satisfaction survey ended. A survey counts as a success when the
/// customer was reached (by phone or an SMS score), as a failure when it expired or the number was invalid; one
/// still running is neither. Rates are of the deliveries/orders (success, failure) and of the successes (bands).
/// Everything within the stores the user may see; <c>storeId</c> narrows to one.
/// </summary>
public class CallbackReports(DcrcDb db)
{
    /// <summary>Deliveries and repairs of the last <paramref name="days"/> days and how many have a completed survey (target 100 %).</summary>
    public sealed record Coverage(int Events, int Completed)
    {
        public decimal? Rate => Events == 0 ? null : Math.Round(100m * Completed / Events, 1);
    }

    public async Task<Coverage> CoverageAsync(DateOnly today, int days = 30, int? storeId = null)
    {
        var from = today.AddDays(-days);
        var events = db.Transactions.AsNoTracking()
            .Where(t => (t.Kind == TransactionKind.Sale || t.Kind == TransactionKind.RepairOrder) && t.Date >= from && t.Date <= today);
        if (storeId is { } s) events = events.Where(t => t.StoreId == s);
        var counts = await events.GroupBy(_ => 1).Select(g => new
        {
            Events = g.Count(),
            Completed = g.Count(t => db.CallbackTasks.Any(c => c.TransactionId == t.Id && c.Status == CallbackStatus.Completed
                && (c.Kind == CallbackKind.SalesSurvey || c.Kind == CallbackKind.ServiceSurvey))),
        }).FirstOrDefaultAsync();
        return new(counts?.Events ?? 0, counts?.Completed ?? 0);
    }

    /// <summary>One line of 表7/表8.</summary>
    public sealed record SatisfactionLine(string Name, int Events, int Succeeded, int Failed, int Refused, int Unreachable, int Other,
        int Completely, int Basically, int Dissatisfied)
    {
        public decimal? SuccessRate => Rate(Succeeded, Events);
        public decimal? FailureRate => Rate(Failed, Events);
        public decimal? CompletelyRate => Rate(Completely, Succeeded);
        public decimal? BasicallyRate => Rate(Basically, Succeeded);
        public decimal? DissatisfiedRate => Rate(Dissatisfied, Succeeded);
        private static decimal? Rate(int n, int of) => of == 0 ? null : Math.Round(100m * n / of, 1);

        public static SatisfactionLine Total(string name, IEnumerable<SatisfactionLine> lines)
        {
            var l = lines.ToList();
            return new(name, l.Sum(x => x.Events), l.Sum(x => x.Succeeded), l.Sum(x => x.Failed), l.Sum(x => x.Refused), l.Sum(x => x.Unreachable),
                l.Sum(x => x.Other), l.Sum(x => x.Completely), l.Sum(x => x.Basically), l.Sum(x => x.Dissatisfied));
        }
    }

    /// <summary>表7 (per consultant), 表8 (per advisor or repair team).</summary>
    public enum SatisfactionBy { Consultant, Advisor, RepairTeam }

    public async Task<List<SatisfactionLine>> SatisfactionAsync(SatisfactionBy per, DateOnly from, DateOnly to, int? storeId = null)
    {
        var sale = per == SatisfactionBy.Consultant;
        var kind = sale ? TransactionKind.Sale : TransactionKind.RepairOrder;
        var survey = sale ? CallbackKind.SalesSurvey : CallbackKind.ServiceSurvey;
        var events = db.Transactions.AsNoTracking().Where(t => t.Kind == kind && t.Date >= from && t.Date <= to);
        if (storeId is { } s) events = events.Where(t => t.StoreId == s);
        var unreachable = new[] { CallbackOutcome.SwitchedOff, CallbackOutcome.Suspended, CallbackOutcome.LineBusy, CallbackOutcome.CallBarred, CallbackOutcome.Unreachable };
        var rows = from t in events
                   from c in db.CallbackTasks.Where(c => c.TransactionId == t.Id && c.Kind == survey).DefaultIfEmpty()
                   select new
                   {
                       Name = (per == SatisfactionBy.RepairTeam ? t.RepairTeam : t.StaffName) ?? "",
                       Status = c == null ? (CallbackStatus?)null : c.Status,
                       Outcome = c == null ? null : c.LastOutcome,
                       Band = c == null ? null : c.Band,
                   };
        var lines = await rows.GroupBy(r => r.Name).Select(g => new
        {
            g.Key,
            Events = g.Count(),
            Succeeded = g.Count(r => r.Status == CallbackStatus.Completed),
            Failed = g.Count(r => r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid),
            Refused = g.Count(r => (r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid) && r.Outcome == CallbackOutcome.Refused),
            Unreachable = g.Count(r => (r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid) && r.Outcome != null && unreachable.Contains(r.Outcome.Value)),
            Completely = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Completely),
            Basically = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Basically),
            Dissatisfied = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Dissatisfied),
        }).ToListAsync();
        return lines.OrderBy(x => x.Key.Length == 0).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new SatisfactionLine(x.Key, x.Events, x.Succeeded, x.Failed, x.Refused, x.Unreachable, x.Failed - x.Refused - x.Unreachable,
                x.Completely, x.Basically, x.Dissatisfied)).ToList();
    }
}
