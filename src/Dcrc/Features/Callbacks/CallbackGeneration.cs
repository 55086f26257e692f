using Dcrc.Kernel.Cases;
using System.Globalization;
using System.Text;
using Dcrc.Data;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// Makes the callback tasks of recent events and expires surveys left too long. Set-based: one INSERT … SELECT
/// per store and rule, joined to a small table of event date → due dates worked out from the store's calendar
/// (the calendar is C#, the rows are SQL). A unique index on (kind, source, event date) makes a replay a no-op,
/// so the job, a second instance and the transaction's own call can all run it safely.
/// </summary>
public class CallbackGeneration(DcrcDb db, SettingsStore settings, StoreCalendars calendars, TimeProvider clock)
{
    /// <summary>
    /// Generates the tasks of every store's recent events (or of one transaction) and returns how many were made;
    /// <paramref name="lookbackDays"/> overrides the setting (the demo reaches further back).
    /// </summary>
    public async Task<int> GenerateAsync(long? transactionId = null, int? storeId = null, CancellationToken ct = default, int? lookbackDays = null)
    {
        var made = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var store in await StoresAsync(storeId))
        {
            ct.ThrowIfCancellationRequested();
            var calendar = await calendars.ForStoreAsync(store.Id);
            var today = StoreTime.DateOf(now, calendar.Zone);
            var rules = await CallbackSchedule.Rules.ForStoreAsync(settings, store.Id);
            var from = today.AddDays(-(lookbackDays ?? await settings.GetAsync(CallbackSettings.GenerationLookbackDays, store.Id)));
            var dates = Enumerable.Range(0, today.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();

            foreach (var kind in CallbackSchedule.OnDelivery)
                made += await FromTransactionsAsync(store.Id, kind, TransactionKind.Sale, dates, rules, calendar, now, transactionId, ct);
            made += await FromTransactionsAsync(store.Id, CallbackKind.ServiceSurvey, TransactionKind.RepairOrder, dates, rules, calendar, now, transactionId, ct);
            if (transactionId is null) made += await LostCustomersAsync(store.Id, dates, rules, calendar, today, now, ct);
        }
        return made;
    }

    /// <summary>Surveys past their expiry day (store-local) expire and count as failed; returns how many.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct = default)
    {
        var expired = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var store in await StoresAsync(null))
        {
            var today = StoreTime.DateOf(now, StoreTime.Zone(store.TimeZone));
            expired += await db.CallbackTasks.IgnoreQueryFilters()
                .Where(t => t.StoreId == store.Id && (t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent) && t.ExpiresOn < today)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CallbackStatus.Expired).SetProperty(t => t.ClosedAt, now)
                    .SetProperty(t => t.Version, t => t.Version + 1), ct);
        }
        return expired;
    }

    private sealed record StoreRow(int Id, string TimeZone);

    private Task<List<StoreRow>> StoresAsync(int? only) =>
        db.Stores.Where(s => s.IsActive && (only == null || s.Id == only)).Select(s => new StoreRow(s.Id, s.TimeZone)).ToListAsync();

    /// <summary>The one parameter of the statements: the creation time.</summary>
    private const string Now = "{0}";

    private const string Columns = """
        INSERT INTO "CallbackTasks" ("StoreId", "Kind", "SourceId", "EventDate", "CustomerId", "VehicleId", "TransactionId", "DueOn", "DueBy",
            "ExpiresOn", "Status", "ClosedAt", "AssignedTo", "StaffUserId", "StaffName", "RepairTeam", "FailedAttempts", "CreatedAt", "Version")
        """;

    private async Task<int> FromTransactionsAsync(int storeId, CallbackKind kind, TransactionKind source, List<DateOnly> dates,
        CallbackSchedule.Rules rules, BusinessCalendar calendar, DateTime now, long? transactionId, CancellationToken ct)
    {
        var map = DateMap(dates, d => CallbackSchedule.For(kind, d, rules, calendar.IsWorkingDay));
        // The day-1 thank-you is the consultant's own call; every other task waits in the specialists' pool.
        var assign = kind == CallbackKind.DeliveryThanks ? "t.\"StaffUserId\"" : "NULL";
        var only = transactionId is { } id ? $"AND t.\"Id\" = {id}" : "";
        var sql = $"""
            {Columns}
            SELECT t."StoreId", {(int)kind}, t."Id", t."Date", t."CustomerId", t."VehicleId", t."Id", m.column2, m.column3, {Expires(kind)},
                {StatusAndClosed(kind, dates[^1])}, {assign}, t."StaffUserId", t."StaffName", t."RepairTeam", 0, {Now}, 0
            FROM "Transactions" t
            JOIN ({map}) AS m ON m.column1 = t."Date"
            WHERE t."StoreId" = {storeId} AND t."Kind" = {(int)source} AND t."Date" >= {Date(dates[0])} AND t."Date" <= {Date(dates[^1])}
                {only}
            ON CONFLICT DO NOTHING
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [now], ct);
    }

    /// <summary>
    /// Customers whose last sale or repair order is N months old today (within the look-back): the last visit is the
    /// event, so a customer who comes back and drifts away again gets a new task.
    /// </summary>
    private async Task<int> LostCustomersAsync(int storeId, List<DateOnly> dueDates, CallbackSchedule.Rules rules, BusinessCalendar calendar,
        DateOnly today, DateTime now, CancellationToken ct)
    {
        var first = dueDates[0].AddMonths(-rules.LostMonths).AddDays(-3);
        var lastVisits = Enumerable.Range(0, today.AddMonths(-rules.LostMonths).DayNumber - first.DayNumber + 1).Select(first.AddDays)
            .Where(d => d.AddMonths(rules.LostMonths) >= dueDates[0] && d.AddMonths(rules.LostMonths) <= today).ToList();
        if (lastVisits.Count == 0) return 0;
        var map = DateMap(lastVisits, d => CallbackSchedule.For(CallbackKind.LostCustomer, d, rules, calendar.IsWorkingDay));
        var visits = $"{(int)TransactionKind.Sale}, {(int)TransactionKind.RepairOrder}";
        var sql = $"""
            {Columns}
            SELECT t."StoreId", {(int)CallbackKind.LostCustomer}, t."CustomerId", t."Date", t."CustomerId", t."VehicleId", NULL, m.column2, m.column3, NULL,
                {(int)CallbackStatus.Open}, NULL, NULL, NULL, NULL, NULL, 0, {Now}, 0
            FROM "Transactions" t
            JOIN ({map}) AS m ON m.column1 = t."Date"
            WHERE t."StoreId" = {storeId} AND t."Kind" IN ({visits}) AND t."Date" >= {Date(lastVisits[0])} AND t."Date" <= {Date(lastVisits[^1])}
                AND NOT EXISTS (SELECT 1 FROM "Transactions" l WHERE l."CustomerId" = t."CustomerId" AND l."Kind" IN ({visits})
                    AND (l."Date" > t."Date" OR (l."Date" = t."Date" AND l."Id" > t."Id")))
            ON CONFLICT DO NOTHING
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [now], ct);
    }

    private static string Expires(CallbackKind kind) => CallbackSchedule.IsSurvey(kind) ? "m.column4" : "NULL";

    /// <summary>A survey whose event is older than its expiry day is made expired (it counts as failed), not made open and expired after.</summary>
    private string StatusAndClosed(CallbackKind kind, DateOnly today) => CallbackSchedule.IsSurvey(kind)
        ? $"CASE WHEN m.column4 < {Date(today)} THEN {(int)CallbackStatus.Expired} ELSE {(int)CallbackStatus.Open} END, CASE WHEN m.column4 < {Date(today)} THEN {Now} END"
        : $"{(int)CallbackStatus.Open}, NULL";

    /// <summary>A VALUES table (event date, due on, due by, expires on) — the same SQL on both providers but for the date literal.</summary>
    private string DateMap(IEnumerable<DateOnly> dates, Func<DateOnly, CallbackSchedule.Window> window)
    {
        var sb = new StringBuilder("VALUES ");
        var firstRow = true;
        foreach (var d in dates)
        {
            var w = window(d);
            if (!firstRow) sb.Append(", ");
            firstRow = false;
            sb.Append('(').Append(Date(d)).Append(", ").Append(Date(w.DueOn)).Append(", ").Append(Date(w.DueBy)).Append(", ")
                .Append(Date(w.ExpiresOn ?? w.DueBy)).Append(')');
        }
        return sb.ToString();
    }

    // Dates are formatted here from DateOnly values, never from input: safe to inline.
    private string Date(DateOnly d) => db.IsSqlite
        ? $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'"
        : $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}

/// <summary>Every few minutes: new events' tasks, then expiry. Runs once per period across instances, in one transaction.</summary>
public sealed class CallbackJob(CallbackGeneration generation) : IScheduledJob
{
    public string Name => "callbacks.generate";
    public TimeSpan Period => TimeSpan.FromMinutes(10);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        await generation.GenerateAsync(ct: ct);
        await generation.ExpireAsync(ct);
    }
}
