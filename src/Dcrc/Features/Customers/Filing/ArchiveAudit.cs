using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// The weekly archive check (客户档案检核, 002 表14; SPEC §1.2): each week a store's sample of sales agreements
/// and repair orders is drawn at random — once — and a specialist checks each against its documents:
/// normal, or abnormal with a description, the person responsible and the improvement measure.
/// </summary>
public class ArchiveAudit(DcrcDb db, CurrentUser me, StoreScope scope, AuditLog audit, UnitOfWork uow, SettingsStore settings, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises the drawing of one store's sample.</summary>
    private const int SampleLockKey = 0x0DC7CF11;

    public sealed record Line(long Id, int No, TransactionKind Kind, long TransactionId, string Number, DateOnly? Date, long CustomerId,
        string? CustomerName, string ArchiveNumber, string? StaffName, CheckResult Result, string? Description, string? Responsible, string? Measure,
        string? CheckedBy, DateTime? CheckedAt, int Version, string? CheckedAtLocal = null, string? CheckedByName = null);

    public sealed record Week(StoreDay Store, DateOnly WeekStart, DateOnly CurrentWeek, List<Line> Lines)
    {
        public DateOnly WeekEnd => WeekStart.AddDays(6);
        public bool Sampled => Lines.Count > 0;
        public bool IsFuture => WeekStart > CurrentWeek;
        public int Count(CheckResult result) => Lines.Count(x => x.Result == result);
    }

    public Task<List<StoreDay>> StoresAsync() => StoreDay.VisibleAsync(db, scope, clock);

    /// <summary>The store whose week is meant: the one asked for, else the store switched to, else the user's only store.</summary>
    public async Task<StoreDay?> StoreAsync(int? asked)
    {
        var stores = await StoresAsync();
        if (asked is { } id) return stores.FirstOrDefault(s => s.Id == id);
        if (scope.CurrentStoreId is { } current) return stores.FirstOrDefault(s => s.Id == current);
        return stores.Count == 1 ? stores[0] : null;
    }

    public static DateOnly CurrentWeek(StoreDay store) => AuditWeek.StartOf(store.Today);

    public async Task<Week> WeekAsync(StoreDay store, DateOnly weekStart)
    {
        weekStart = AuditWeek.StartOf(weekStart);
        var lines = await LinesAsync(db.ArchiveChecks.AsNoTracking().Where(c => c.StoreId == store.Id && c.WeekStart == weekStart), store.Zone);
        return new(store, weekStart, CurrentWeek(store), lines);
    }

    /// <summary>How many sales and repair orders a week's sample of the store takes (its settings).</summary>
    public async Task<(int Sales, int Service)> SampleSizesAsync(int storeId) =>
        (await settings.GetAsync(ArchiveSettings.AuditSampleSales, storeId), await settings.GetAsync(ArchiveSettings.AuditSampleService, storeId));

    private async Task<List<Line>> LinesAsync(IQueryable<ArchiveCheck> checks, TimeZoneInfo zone)
    {
        var seesClassA = await me.CanAsync(CustomerPermissions.ClassA);
        var found = await (from c in checks
                           join t in db.Transactions.AsNoTracking() on c.TransactionId equals t.Id into ts
                           from t in ts.DefaultIfEmpty()
                           join cu in db.Customers.AsNoTracking() on c.CustomerId equals cu.Id into cus
                           from cu in cus.DefaultIfEmpty()
                           orderby c.Kind, c.Id
                           select new
                           {
                               Check = c, Date = t == null ? (DateOnly?)null : t.Date, Staff = t == null ? null : t.StaffName,
                               Name = cu == null ? null : cu.Name, ArchiveNumber = cu == null ? null : cu.ArchiveNumber, Class = cu == null ? CustomerClass.C : cu.Class,
                           }).ToListAsync();
        var people = await People.DisplayNamesAsync(db, found.Select(r => r.Check.CheckedBy));
        return found.Select((r, i) => new Line(r.Check.Id, i + 1, r.Check.Kind, r.Check.TransactionId, r.Check.Number, r.Date, r.Check.CustomerId,
            r.Class == CustomerClass.A && !seesClassA ? null : r.Name, r.ArchiveNumber ?? "", r.Staff, r.Check.Result, r.Check.Description,
            r.Check.Responsible, r.Check.Measure, r.Check.CheckedBy, r.Check.CheckedAt, r.Check.Version,
            r.Check.CheckedAt is { } at ? StoreTime.Format(at, zone) : null,
            r.Check.CheckedBy is { } by && people.TryGetValue(by, out var name) ? name : null)).ToList();
    }

    public enum SampleResult { Drawn, AlreadyDrawn, FutureWeek, NothingToDraw }

    /// <summary>
    /// Draws the week's sample: up to <see cref="ArchiveSettings.AuditSampleSales"/> sales and
    /// <see cref="ArchiveSettings.AuditSampleService"/> repair orders of the store, at random among those dated in
    /// the <see cref="AuditWeek.RecentDays"/> days before the week (topped up from the year before when too few),
    /// never one sampled before. Once per store and week: the drawing is serialised per store (an advisory lock
    /// on PostgreSQL, the write lock on SQLite), a week that has lines is left as it is, and the unique index
    /// (store, week, transaction) refuses a second copy of a line.
    /// </summary>
    public async Task<(SampleResult Result, Week Week)> SampleAsync(StoreDay store, DateOnly weekStart)
    {
        weekStart = AuditWeek.StartOf(weekStart);
        if (weekStart > CurrentWeek(store)) return (SampleResult.FutureWeek, await WeekAsync(store, weekStart));
        var (salesCount, serviceCount) = await SampleSizesAsync(store.Id);

        // Inside a caller's transaction (the weekly job's) the drawing commits with it.
        var own = db.Database.CurrentTransaction is null;
        await using (var tx = own ? await db.Database.BeginTransactionAsync() : null)
        {
            if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", SampleLockKey, store.Id);
            if (await db.ArchiveChecks.AnyAsync(c => c.StoreId == store.Id && c.WeekStart == weekStart))
                return (SampleResult.AlreadyDrawn, await WeekAsync(store, weekStart));
            var sales = await DrawAsync(store.Id, TransactionKind.Sale, weekStart, salesCount);
            var service = await DrawAsync(store.Id, TransactionKind.RepairOrder, weekStart, serviceCount);
            if (sales.Count + service.Count == 0) return (SampleResult.NothingToDraw, await WeekAsync(store, weekStart));
            db.ArchiveChecks.AddRange(sales.Concat(service).Select(t => new ArchiveCheck
            {
                StoreId = store.Id, WeekStart = weekStart, Kind = t.Kind, TransactionId = t.Id, CustomerId = t.CustomerId, Number = t.Number, Result = CheckResult.Pending,
            }));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Another drawing got there first (only without the lock, e.g. a second database user): keep theirs.
                uow.Discard();
                if (tx is null) throw;
                await tx.RollbackAsync();
                return (SampleResult.AlreadyDrawn, await WeekAsync(store, weekStart));
            }
            await audit.WriteAsync(FilingAuditActions.Sample, $"{store.Code} {AuditWeek.Format(weekStart)}: {sales.Count} sales, {service.Count} repair orders",
                "ArchiveCheckWeek", $"{store.Id}:{AuditWeek.Format(weekStart)}", store.Id);
            if (tx is not null) await tx.CommitAsync();
        }
        return (SampleResult.Drawn, await WeekAsync(store, weekStart));
    }

    private sealed record Candidate(long Id, TransactionKind Kind, long CustomerId, string Number);

    /// <summary>
    /// One set-based query per window: the store's transactions of the kind in the date range (index
    /// StoreId, Kind, Date), less those ever sampled (index TransactionId), in random order, the first few.
    /// </summary>
    private async Task<List<Candidate>> DrawAsync(int storeId, TransactionKind kind, DateOnly weekStart, int count)
    {
        if (count <= 0) return [];
        var recentFrom = weekStart.AddDays(-AuditWeek.RecentDays);
        var picked = await RandomAsync(storeId, kind, recentFrom, weekStart, count);
        if (picked.Count < count)
            picked.AddRange(await RandomAsync(storeId, kind, weekStart.AddDays(-AuditWeek.OldestDays), recentFrom, count - picked.Count));
        return picked;
    }

    private Task<List<Candidate>> RandomAsync(int storeId, TransactionKind kind, DateOnly from, DateOnly before, int count) =>
        db.Transactions.AsNoTracking()
            .Where(t => t.StoreId == storeId && t.Kind == kind && t.Date >= from && t.Date < before && !db.ArchiveChecks.Any(c => c.TransactionId == t.Id))
            .OrderBy(t => EF.Functions.Random()).Take(count)
            .Select(t => new Candidate(t.Id, t.Kind, t.CustomerId, t.Number)).ToListAsync();

    /// <summary>What a specialist enters for one line.</summary>
    public sealed record CheckInput(CheckResult? Result, string? Description, string? Responsible, string? Measure, int? Version);

    /// <summary>Errors keyed by camelCase field: a result is chosen, an abnormal one is described, lengths hold, the version read is sent.</summary>
    public Dictionary<string, string[]> Validate(CheckInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Result is not (CheckResult.Normal or CheckResult.Abnormal)) errors["result"] = [l["Validation.Required", l["Filing.Result"]]];
        if (input.Result == CheckResult.Abnormal && string.IsNullOrWhiteSpace(input.Description)) errors["description"] = [l["Filing.DescriptionRequired"]];
        void Max(string field, string label, string? value, int max)
        {
            if (value?.Trim().Length > max) errors[field] = [l["Validation.MaxLength", l[label], max]];
        }
        Max("description", "Filing.Description", input.Description, 500);
        Max("responsible", "Filing.Responsible", input.Responsible, 50);
        Max("measure", "Filing.Measure", input.Measure, 500);
        if (input.Version is null) errors["version"] = [l["Validation.Required", l["Filing.Version"]]];
        return errors;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Saves a line with the version read; a line saved by someone else meanwhile is refused. Audited.</summary>
    public async Task<Written<Line>> SaveAsync(long id, CheckInput input)
    {
        var check = await db.ArchiveChecks.FirstOrDefaultAsync(c => c.Id == id);
        if (check is null) return Written.NotFound<Line>();
        var errors = Validate(input);
        if (errors.Count > 0) return uow.Refuse<Line>(WriteStatus.Invalid, errors);
        check.Result = input.Result!.Value;
        check.Description = Clean(input.Description);
        check.Responsible = Clean(input.Responsible);
        check.Measure = Clean(input.Measure);
        check.CheckedBy = me.UserName;
        check.CheckedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(check).Property(c => c.Version).OriginalValue = input.Version!.Value;
        uow.Audit(new(FilingAuditActions.Check, $"{AuditWeek.Format(check.WeekStart)} {check.Number}: {check.Result.ToString().ToLowerInvariant()}",
            "ArchiveCheck", id.ToString(CultureInfo.InvariantCulture), check.StoreId));
        var saved = await uow.SaveAsync(check);
        return saved.Saved ? new(WriteStatus.Saved, (await LineAsync(id))!, Written.NoErrors) : saved.As<Line>();
    }

    /// <summary>One line as stored (for showing it again after a refused save).</summary>
    public async Task<Line?> LineAsync(long id)
    {
        var key = await db.ArchiveChecks.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.StoreId, c.WeekStart }).FirstOrDefaultAsync();
        if (key is null) return null;
        var zone = StoreTime.Zone(await db.Stores.AsNoTracking().Where(s => s.Id == key.StoreId).Select(s => s.TimeZone).SingleAsync());
        // Numbered as in its week.
        return (await LinesAsync(db.ArchiveChecks.AsNoTracking().Where(c => c.StoreId == key.StoreId && c.WeekStart == key.WeekStart), zone)).Single(x => x.Id == id);
    }

    public string KindLabel(TransactionKind kind) => l["Filing.Kind." + kind];
    public string ResultLabel(CheckResult result) => l["Filing.Result." + result];

    /// <summary>The week's check as the paper form 表14, in .xlsx: the exporting user and time in the file; audited.</summary>
    public async Task<byte[]> ExportAsync(StoreDay store, DateOnly weekStart)
    {
        var week = await WeekAsync(store, weekStart);
        var at = StoreTime.FormatSeconds(clock.GetUtcNow().UtcDateTime, store.Zone);
        var file = Kernel.Excel.Spreadsheet.Write(l["Filing.ChecksSheet"],
            [l["Filing.No"], l["Filing.Category"], l["Filing.AgreementOrOrder"], l["Filing.Result"], l["Filing.Description"], l["Filing.Responsible"], l["Filing.Measure"],
             l["Field.ArchiveNumber"], l["Filing.CheckedBy"], l["Filing.CheckedAt"]],
            week.Lines.Select(x => (IReadOnlyList<string?>)
            [
                x.No.ToString(CultureInfo.InvariantCulture), KindLabel(x.Kind), x.Number, ResultLabel(x.Result), x.Description, x.Responsible, x.Measure,
                x.ArchiveNumber, x.CheckedByName is { } name ? $"{name} ({x.CheckedBy})" : x.CheckedBy, x.CheckedAtLocal,
            ]),
            [l["Filing.ChecksFooter", store.Name, AuditWeek.Format(week.WeekStart), AuditWeek.Format(week.WeekEnd)], l["Export.By", me.DisplayName, me.UserName ?? "", at],
             l["Export.Confidential"]]);
        await audit.WriteAsync(FilingAuditActions.ExportChecks, $"{store.Code} {AuditWeek.Format(week.WeekStart)}: {week.Lines.Count} rows",
            "ArchiveCheckWeek", $"{store.Id}:{AuditWeek.Format(week.WeekStart)}", store.Id);
        return file;
    }
}
