using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>The periods of the statistics (001 客户投诉（月、季、年）分析统计表) and of the weekly case review.</summary>
public enum StatisticsPeriod { Week = 0, Month = 1, Quarter = 2, Year = 3 }

/// <summary>
/// Complaint statistics of a period (cases by their receipt date, store-local): totals, by category, department,
/// person responsible and handling type — count, closed, breached (any time limit), loss (compensation approved or accepted:
/// never one merely proposed, sent back or refused by the GM),
/// average hours to close — and the period's cases as the seed's table lines. Within the cases the user may see.
/// </summary>
public class ComplaintStatistics(DcrcDb db, ComplaintDesk desk, Customers.CustomerArchive archive)
{
    /// <summary>The first and last day of the period that contains <paramref name="day"/>.</summary>
    public static (DateOnly From, DateOnly To) Range(StatisticsPeriod period, DateOnly day) => period switch
    {
        StatisticsPeriod.Week => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(6 - (((int)day.DayOfWeek + 6) % 7))),
        StatisticsPeriod.Month => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        StatisticsPeriod.Quarter => (new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1), new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1)),
        _ => (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
    };

    /// <summary>A category's or handling type's group key: its JSON name (serviceQuality), as the API writes the enum everywhere.</summary>
    public static string KeyOf<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The enum name behind a group key, for its label (ComplaintCategory.ServiceQuality).</summary>
    public static string NameOf<T>(string key) where T : struct, Enum => Enum.TryParse<T>(key, ignoreCase: true, out var v) ? v.ToString() : key;

    public sealed record Group(string Key, int Cases, int Closed, int Breached, decimal Loss, double? AverageHoursToClose);

    public sealed record Line(long Id, string Number, DateTime ReceivedAt, string Customer, string? Model, ComplaintCategory Category, string Description,
        string? Department, string? Responsible, CompensationType Compensation, decimal? Amount, ComplaintState State, bool Breached, int ComplaintNumber);

    public sealed record Report(DateOnly From, DateOnly To, Group Total, int Explained, int Open, int Repeat, int Reopened,
        IReadOnlyList<Group> ByCategory, IReadOnlyList<Group> ByDepartment, IReadOnlyList<Group> ByResponsible, IReadOnlyList<Group> ByHandling,
        IReadOnlyList<Line> Lines, int LinesTotal)
    {
        /// <summary>Share of the period's cases from customers who had complained before (%).</summary>
        public decimal? RepeatRate => Total.Cases == 0 ? null : Math.Round(100m * Repeat / Total.Cases, 1);
        public decimal? BreachRate => Total.Cases == 0 ? null : Math.Round(100m * Total.Breached / Total.Cases, 1);
    }

    /// <summary>The report; its case lines one page at a time (the export asks for all).</summary>
    public async Task<Report> ReportAsync(StatisticsPeriod period, DateOnly day, TimeZoneInfo zone, int page = 1, int pageSize = int.MaxValue)
    {
        var (from, to) = Range(period, day);
        var start = StoreTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        var end = StoreTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var cases = (await desk.VisibleAsync()).Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        var rows = await cases.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).Select(c => new
        {
            Case = c,
            Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => new { x.Name, x.Class }).FirstOrDefault(),
            Model = db.Vehicles.Where(v => v.Id == c.VehicleId).Select(v => v.Model).FirstOrDefault(),
            Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            Breached = db.ComplaintLimitEvents.Any(e => e.ComplaintId == c.Id && e.Kind == LimitEventKind.Breached),
            // The compensation proposed last was approved (by the manager, or the GM above the threshold) and not sent back since.
            Approved = db.ComplaintEvents.Where(e => e.ComplaintId == c.Id && (e.Action == ComplaintAction.Propose || e.Action == ComplaintAction.Reject || e.To == ComplaintState.Approved))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.To).FirstOrDefault() == ComplaintState.Approved,
        }).ToListAsync();
        var approved = rows.Where(r => r.Approved).Select(r => r.Case.Id).ToHashSet();

        Group Of(string key, IEnumerable<(Complaint Case, bool Breached)> items)
        {
            var list = items.ToList();
            var closed = list.Where(x => x.Case.ClosedAt is not null && x.Case.State is ComplaintState.Closed or ComplaintState.FollowedUp).ToList();
            return new(key, list.Count, closed.Count, list.Count(x => x.Breached), list.Where(x => approved.Contains(x.Case.Id)).Sum(x => x.Case.CompensationAmount ?? 0),
                closed.Count == 0 ? null : Math.Round(closed.Average(x => (x.Case.ClosedAt!.Value - x.Case.ReceivedAt).TotalHours), 1));
        }
        var items = rows.Select(r => (r.Case, r.Breached)).ToList();
        var viewer = await archive.ViewerAsync();
        List<Group> By(Func<(Complaint Case, bool Breached), string> key) =>
            items.GroupBy(key).Select(g => Of(g.Key, g)).OrderByDescending(g => g.Cases).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var departments = rows.ToDictionary(r => r.Case.Id, r => r.Department ?? "");
        return new(from, to, Of("", items), items.Count(x => x.Case.State == ComplaintState.Explained),
            items.Count(x => ComplaintWorkflow.IsOpen(x.Case.State)), items.Count(x => x.Case.CustomerComplaintNumber > 1), items.Count(x => x.Case.Reopened > 0),
            By(x => KeyOf(x.Case.Category)), By(x => departments[x.Case.Id]), By(x => x.Case.ResponsibleName ?? ""), By(x => KeyOf(x.Case.Compensation)),
            rows.Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).Select(r => new Line(r.Case.Id, r.Case.Number, r.Case.ReceivedAt, r.Customer is null ? "" : viewer.ShownName(r.Customer.Name, r.Customer.Class), r.Model, r.Case.Category, r.Case.Description, r.Department,
                r.Case.ResponsibleName, r.Case.Compensation, r.Case.CompensationAmount, r.Case.State, r.Breached, r.Case.CustomerComplaintNumber)).ToList(), rows.Count);
    }
}
