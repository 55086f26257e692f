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
/// per store and rule, joined to a small table of event date → due dates and status at birth worked out from the
/// store's calendar and <see cref="CallbackGenerationRules"/> (the rules are C#, the rows are SQL). A unique index on
/// (kind, source, event date) makes a replay a no-op, so the job, a second instance and the transaction's own call
/// can all run it safely.
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

            foreach (var source in Enum.GetValues<TransactionKind>())
                foreach (var kind in CallbackGenerationRules.KindsFrom(source))
                    made += await FromTransactionsAsync(store.Id, kind, source, dates, rules, calendar, today, now, transactionId, ct);
            if (transactionId is null) made += await LostCustomersAsync(store.Id, dates[0], rules, calendar, today, now, ct);
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
        CallbackSchedule.Rules rules, BusinessCalendar calendar, DateOnly today, DateTime now, long? transactionId, CancellationToken ct)
    {
        var map = DateMap(kind, dates, rules, calendar, today);
        var only = transactionId is { } id ? $"AND t.\"Id\" = {id}" : "";
        var sql = $"""
            {Columns}
            SELECT t."StoreId", {(int)kind}, t."Id", t."Date", t."CustomerId", t."VehicleId", t."Id", m.column2, m.column3, m.column4,
                m.column5, m.column6, {Assignee(kind)}, t."StaffUserId", t."StaffName", t."RepairTeam", 0, {Now}, 0
            FROM "Transactions" t
            JOIN ({map}) AS m ON m.column1 = t."Date"
            WHERE t."StoreId" = {storeId} AND t."Kind" = {(int)source} AND t."Date" >= {Date(dates[0])} AND t."Date" <= {Date(dates[^1])}
                {only}
            ON CONFLICT DO NOTHING
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [now], ct);
    }

    /// <summary>
    /// Customers whose last visit (the latest by date, then by id) is N months old on a day from
    /// <paramref name="firstDue"/> to today: the last visit is the event, so a customer who comes back and drifts
    /// away again gets a new task.
    /// </summary>
    private async Task<int> LostCustomersAsync(int storeId, DateOnly firstDue, CallbackSchedule.Rules rules, BusinessCalendar calendar,
        DateOnly today, DateTime now, CancellationToken ct)
    {
        const CallbackKind kind = CallbackKind.LostCustomer;
        var lastVisits = CallbackGenerationRules.LostCandidateDates(firstDue, today, rules.LostMonths);
        if (lastVisits.Count == 0) return 0;
        var map = DateMap(kind, lastVisits, rules, calendar, today);
        var visits = string.Join(", ", CallbackGenerationRules.LostCustomerVisits.Select(v => (int)v));
        var sql = $"""
            {Columns}
            SELECT t."StoreId", {(int)kind}, t."CustomerId", t."Date", t."CustomerId", t."VehicleId", NULL, m.column2, m.column3, m.column4,
                m.column5, m.column6, {Assignee(kind)}, NULL, NULL, NULL, 0, {Now}, 0
            FROM "Transactions" t
            JOIN ({map}) AS m ON m.column1 = t."Date"
            WHERE t."StoreId" = {storeId} AND t."Kind" IN ({visits}) AND t."Date" >= {Date(lastVisits[0])} AND t."Date" <= {Date(lastVisits[^1])}
                AND NOT EXISTS (SELECT 1 FROM "Transactions" l WHERE l."CustomerId" = t."CustomerId" AND l."Kind" IN ({visits})
                    AND (l."Date" > t."Date" OR (l."Date" = t."Date" AND l."Id" > t."Id")))
            ON CONFLICT DO NOTHING
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [now], ct);
    }

    /// <summary>The assignee column: the transaction's consultant, or nobody (the pool).</summary>
    private static string Assignee(CallbackKind kind) => CallbackGenerationRules.Assignee(kind) switch
    {
        CallbackAssignee.Consultant => "t.\"StaffUserId\"",
        _ => "NULL",
    };

    /// <summary>
    /// A VALUES table of the event dates and what a task of <paramref name="kind"/> is born with on each: due on, due by,
    /// expires on, status and closed at (the creation time or none) — the same SQL on both providers but for the literals.
    /// </summary>
    private string DateMap(CallbackKind kind, IEnumerable<DateOnly> dates, CallbackSchedule.Rules rules, BusinessCalendar calendar, DateOnly today)
    {
        var sb = new StringBuilder("VALUES ");
        var firstRow = true;
        foreach (var d in dates)
        {
            var w = CallbackSchedule.For(kind, d, rules, calendar.IsWorkingDay);
            var (status, closed) = CallbackGenerationRules.StatusAtBirth(kind, w, today);
            if (!firstRow) sb.Append(", ");
            firstRow = false;
            sb.Append('(').Append(Date(d)).Append(", ").Append(Date(w.DueOn)).Append(", ").Append(Date(w.DueBy)).Append(", ")
                .Append(w.ExpiresOn is { } e ? Date(e) : NoDate).Append(", ").Append((int)status).Append(", ").Append(closed ? Now : NoTime).Append(')');
        }
        return sb.ToString();
    }

    // A typed NULL, so that a column of the VALUES table that is empty in every row still has the column's type on PostgreSQL.
    private string NoDate => db.IsSqlite ? "NULL" : "CAST(NULL AS date)";
    private string NoTime => db.IsSqlite ? "NULL" : "CAST(NULL AS timestamp with time zone)";

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
