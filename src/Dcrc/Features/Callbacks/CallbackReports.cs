using Dcrc.Kernel.Cases;
using System.Linq.Expressions;
using Dcrc.Data;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The callback figures (SPEC §9, 002 表7/表8): per sales consultant, service advisor or repair team, the deliveries
/// or repair orders of a date range and how their satisfaction survey ended. A survey counts as a success when the
/// customer was reached (by phone or an SMS score), as a failure when it expired or the number was invalid; one
/// still running is neither. Rates are of the deliveries/orders (success, failure) and of the successes (bands).
/// The trend counts the same way per week or month of the events' dates. Everything within the stores the user
/// may see; <c>storeId</c> narrows to one. Grouped in SQL: one row per name or per day comes back, never the events.
/// </summary>
public class CallbackReports(DcrcDb db, SettingsStore settings)
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

    private static decimal? Rate(int n, int of) => of == 0 ? null : Math.Round(100m * n / of, 1);

    /// <summary>One line of 表7/表8. <see cref="Other"/> is the failures neither refused nor unreachable (no answer, invalid number).</summary>
    public sealed record SatisfactionLine(string Name, int Events, int Succeeded, int Failed, int Refused, int Unreachable, int Other,
        int Completely, int Basically, int Dissatisfied)
    {
        /// <summary>Events whose survey is still within its window (or not yet made): counted apart, not as failures.</summary>
        public int InProgress => Events - Succeeded - Failed;
        /// <summary>Of the surveys whose window has closed (succeeded or failed); those in progress do not count yet.</summary>
        public decimal? SuccessRate => Rate(Succeeded, Succeeded + Failed);
        public decimal? FailureRate => Rate(Failed, Succeeded + Failed);
        public decimal? CompletelyRate => Rate(Completely, Succeeded);
        public decimal? BasicallyRate => Rate(Basically, Succeeded);
        public decimal? DissatisfiedRate => Rate(Dissatisfied, Succeeded);

        public static SatisfactionLine Total(string name, IEnumerable<SatisfactionLine> lines)
        {
            var l = lines.ToList();
            return new(name, l.Sum(x => x.Events), l.Sum(x => x.Succeeded), l.Sum(x => x.Failed), l.Sum(x => x.Refused), l.Sum(x => x.Unreachable),
                l.Sum(x => x.Other), l.Sum(x => x.Completely), l.Sum(x => x.Basically), l.Sum(x => x.Dissatisfied));
        }
    }

    /// <summary>表7 (per consultant), 表8 (per advisor or repair team).</summary>
    public enum SatisfactionBy { Consultant, Advisor, RepairTeam }

    /// <summary>One event of the range and how its survey stands (no survey task: all null).</summary>
    private sealed class SurveyRow
    {
        public string Name { get; init; } = "";
        public DateOnly Date { get; init; }
        public CallbackStatus? Status { get; init; }
        public CallbackOutcome? Outcome { get; init; }
        public SatisfactionBand? Band { get; init; }
    }

    /// <summary>The counts of one group of events, as SQL returns them.</summary>
    private sealed class Counts<TKey>
    {
        public TKey Key { get; init; } = default!;
        public int Events { get; init; }
        public int Succeeded { get; init; }
        public int Failed { get; init; }
        public int Refused { get; init; }
        public int Unreachable { get; init; }
        public int Completely { get; init; }
        public int Basically { get; init; }
        public int Dissatisfied { get; init; }

        public SatisfactionLine Line(string name) =>
            new(name, Events, Succeeded, Failed, Refused, Unreachable, Failed - Refused - Unreachable, Completely, Basically, Dissatisfied);
    }

    /// <summary>Sales (consultant), service (advisor, team) or, with no <paramref name="per"/>, both: each event with its survey.</summary>
    private IQueryable<SurveyRow> Rows(SatisfactionBy? per, DateOnly from, DateOnly to, int? storeId)
    {
        var kinds = per switch
        {
            SatisfactionBy.Consultant => new[] { TransactionKind.Sale },
            null => [TransactionKind.Sale, TransactionKind.RepairOrder],
            _ => [TransactionKind.RepairOrder],
        };
        var events = db.Transactions.AsNoTracking().Where(t => kinds.Contains(t.Kind) && t.Date >= from && t.Date <= to);
        if (storeId is { } s) events = events.Where(t => t.StoreId == s);
        var byTeam = per == SatisfactionBy.RepairTeam;
        // A sale has only the sales survey among its tasks' survey kinds, a repair order only the service survey.
        return from t in events
               from c in db.CallbackTasks.Where(c => c.TransactionId == t.Id && (c.Kind == CallbackKind.SalesSurvey || c.Kind == CallbackKind.ServiceSurvey)).DefaultIfEmpty()
               select new SurveyRow
               {
                   Name = (byTeam ? t.RepairTeam : t.StaffName) ?? "",
                   Date = t.Date,
                   Status = c == null ? null : c.Status,
                   Outcome = c == null ? null : c.LastOutcome,
                   Band = c == null ? null : c.Band,
               };
    }

    private static CallbackOutcome[] OutcomesFor(FailureReason reason) =>
        Enum.GetValues<CallbackOutcome>().Where(o => CallbackOutcomes.Classify(o) == OutcomeClass.Failure && CallbackOutcomes.ReasonOf(o) == reason).ToArray();

    private static Task<List<Counts<TKey>>> CountAsync<TKey>(IQueryable<SurveyRow> rows, Expression<Func<SurveyRow, TKey>> key)
    {
        var refused = OutcomesFor(FailureReason.Refused);
        var unreachable = OutcomesFor(FailureReason.Unreachable);
        return rows.GroupBy(key).Select(g => new Counts<TKey>
        {
            Key = g.Key,
            Events = g.Count(),
            Succeeded = g.Count(r => r.Status == CallbackStatus.Completed),
            Failed = g.Count(r => r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid),
            Refused = g.Count(r => (r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid) && r.Outcome != null && refused.Contains(r.Outcome.Value)),
            Unreachable = g.Count(r => (r.Status == CallbackStatus.Expired || r.Status == CallbackStatus.Invalid) && r.Outcome != null && unreachable.Contains(r.Outcome.Value)),
            Completely = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Completely),
            Basically = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Basically),
            Dissatisfied = g.Count(r => r.Status == CallbackStatus.Completed && r.Band == SatisfactionBand.Dissatisfied),
        }).ToListAsync();
    }

    /// <summary>The lines of 表7/表8 by name (events without a name last, as ""); the total line is <see cref="SatisfactionLine.Total"/>.</summary>
    public async Task<List<SatisfactionLine>> SatisfactionAsync(SatisfactionBy per, DateOnly from, DateOnly to, int? storeId = null)
    {
        var lines = await CountAsync(Rows(per, from, to, storeId), r => r.Name);
        return lines.OrderBy(x => x.Key.Length == 0).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Line(x.Key)).ToList();
    }

    /// <summary>The band limits the surveys are scored by (the store's, or the group's for several stores).</summary>
    public Task<Satisfaction.Limits> LimitsAsync(int? storeId) => Satisfaction.Limits.ForStoreAsync(settings, storeId);

    public enum TrendUnit { Week, Month }

    /// <summary>One week (from Monday) or month of the trend, cut to the range; counted as a line of 表7/表8.</summary>
    public sealed record TrendPoint(DateOnly Start, DateOnly End, int Events, int Succeeded, int Failed, int Completely, int Basically, int Dissatisfied)
    {
        public int InProgress => Events - Succeeded - Failed;
        /// <summary>Of the surveys whose window has closed, so that recent weeks do not look like a collapse.</summary>
        public decimal? SuccessRate => Rate(Succeeded, Succeeded + Failed);
    }

    public sealed record Trend(TrendUnit Unit, IReadOnlyList<TrendPoint> Points);

    /// <summary>Weeks up to this many days; months beyond.</summary>
    public const int WeeklyUpToDays = 92;

    /// <summary>The surveys of the range's events per week (per month for a range over <see cref="WeeklyUpToDays"/> days), every period shown.</summary>
    public async Task<Trend> TrendAsync(DateOnly from, DateOnly to, int? storeId = null, SatisfactionBy? per = null)
    {
        var days = (await CountAsync(Rows(per, from, to, storeId), r => r.Date)).ToDictionary(x => x.Key);
        var unit = to.DayNumber - from.DayNumber + 1 > WeeklyUpToDays ? TrendUnit.Month : TrendUnit.Week;
        var points = new List<TrendPoint>();
        for (var start = from; start <= to;)
        {
            var next = unit == TrendUnit.Week ? start.AddDays(7 - ((int)start.DayOfWeek + 6) % 7) : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            var inPeriod = days.Values.Where(d => d.Key >= start && d.Key <= end).ToList();
            points.Add(new(start, end, inPeriod.Sum(d => d.Events), inPeriod.Sum(d => d.Succeeded), inPeriod.Sum(d => d.Failed),
                inPeriod.Sum(d => d.Completely), inPeriod.Sum(d => d.Basically), inPeriod.Sum(d => d.Dissatisfied)));
            start = next;
        }
        return new(unit, points);
    }

    /// <summary>Owner confirmations (SPEC §4) of the range's deliveries completed, and how many found the archive right as it stood.</summary>
    public sealed record Accuracy(int Completed, int Correct)
    {
        public decimal? Rate => Rate(Correct, Completed);
    }

    public async Task<Accuracy> OwnerAccuracyAsync(DateOnly from, DateOnly to, int? storeId = null)
    {
        var tasks = db.CallbackTasks.AsNoTracking().Where(t => t.Kind == CallbackKind.OwnerConfirmation && t.Status == CallbackStatus.Completed
            && t.EventDate >= from && t.EventDate <= to);
        if (storeId is { } s) tasks = tasks.Where(t => t.StoreId == s);
        var counts = await tasks.GroupBy(_ => 1).Select(g => new { Completed = g.Count(), Correct = g.Count(t => t.OwnerDataCorrect == true) }).FirstOrDefaultAsync();
        return new(counts?.Completed ?? 0, counts?.Correct ?? 0);
    }
}
