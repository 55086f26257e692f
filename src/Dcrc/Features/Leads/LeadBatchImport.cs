using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Localization;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>What a batch import is told besides its file: the OEM's batch number and when the batch arrived.</summary>
public sealed record BatchHeader(string? BatchNumber, DateTimeOffset? ArrivedAt, int? StoreId);

/// <summary>
/// An OEM lead batch (厂家下发线索) from .xlsx or .csv, all or nothing like the archive import: every row checked
/// (the OEM's lead number, name, mobile; no number twice in the file or already in the store, no mobile twice or with an
/// open lead) and either every lead recorded or none, with the row errors for the report. Each lead carries its batch
/// and the feedback deadline <see cref="LeadSettings.OemFeedbackHours"/> clock hours after the batch arrived; it goes to
/// the store's round robin when the store turns it on, else waits for the sales manager. Set-based: a few statements
/// per thousand rows.
/// </summary>
public sealed class LeadBatchImport(DcrcDb db, LeadDesk desk, CurrentUser me, StoreScope scope, SettingsStore settings, UnitOfWork uow, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxRows = 10_000;
    public static readonly string[] Columns = ["oemLeadNumber", "name", "mobile", "series", "model", "intentLevel", "region", "needs"];
    private static readonly string[] Required = ["oemLeadNumber", "name", "mobile"];

    public sealed record RowError(int Row, string Column, string Message);
    public sealed record Result(LeadBatch? Batch, IReadOnlyList<RowError> Errors);

    private string Label(string column, CultureInfo? culture = null) => Cultures.In(l, culture ?? CultureInfo.CurrentUICulture, "LeadImport.Column." + column);

    public byte[] Template() => Spreadsheet.Write(l["LeadImport.TemplateSheet"], Columns.Select(c => Label(c, new CultureInfo("zh-CN"))).ToList(),
        [["L2026120100001", "张先生", "13812345678", "锐际", "2.0T 四驱", "A", "天河区", "关注七座车型"]]);

    public byte[] Report(IReadOnlyList<RowError> errors) =>
        Spreadsheet.Write(l["Import.ReportSheet"], [l["Import.Report.Row"], l["Import.Report.Column"], l["Import.Report.Message"]],
            errors.Select(e => (IReadOnlyList<string?>)[e.Row == 0 ? "" : e.Row.ToString(CultureInfo.InvariantCulture), e.Column, e.Message]));

    public async Task<Result> ImportAsync(Stream file, string fileName, BatchHeader header)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<RowError>();
        void Whole(string field, string message) => errors.Add(new(0, l[field], message));
        var storeId = header.StoreId is { } s ? (scope.CanSee(s) ? s : null) : scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);
        if (storeId is not { } store) return new(null, [new(0, l["Field.Store"], l["Validation.Required", l["Field.Store"]])]);
        var number = header.BatchNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > 40) Whole("Field.BatchNumber", l["Validation.Required", l["Field.BatchNumber"]]);
        else if (await db.LeadBatches.AnyAsync(b => b.StoreId == store && b.BatchNumber == number)) Whole("Field.BatchNumber", l["LeadImport.BatchExists", number]);
        var arrived = header.ArrivedAt?.UtcDateTime;
        if (arrived is null || arrived > now.AddMinutes(5) || arrived < now.AddDays(-30)) Whole("Field.BatchArrivedAt", l["Validation.InvalidValue", l["Field.BatchArrivedAt"]]);

        List<string[]> rows;
        try { rows = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Spreadsheet.ReadCsv(file) : Spreadsheet.ReadXlsx(file); }
        catch (Spreadsheet.FormatException) { return new(null, [.. errors, new(0, "", l["Import.NotAWorkbook"])]); }
        if (rows.Count < 2) return new(null, [.. errors, new(0, "", l["Import.Empty"])]);
        if (rows.Count - 1 > MaxRows) return new(null, [.. errors, new(0, "", l["Import.TooManyRows", MaxRows])]);
        var known = Columns.SelectMany(c => new (string Header, string Key)[] { (Label(c, new CultureInfo("zh-CN")), c), (Label(c, new CultureInfo("en")), c), (c, c) })
            .GroupBy(x => x.Header.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);
        string?[] columns = rows[0].Select(h => known.GetValueOrDefault(h.Trim())).ToArray();
        foreach (var missing in Required.Where(k => !columns.Contains(k))) errors.Add(new(1, Label(missing), l["Import.MissingColumn"]));
        if (errors.Count > 0) return new(null, errors);

        var levels = await desk.LevelsAsync(store);
        var parsed = new List<(int Row, Lead Lead)>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = i + 1;
            var cells = new Dictionary<string, string>();
            for (var c = 0; c < columns.Length; c++) if (columns[c] is { } key) cells.TryAdd(key, c < rows[i].Length ? rows[i][c].Trim() : "");
            if (cells.Values.All(string.IsNullOrEmpty)) continue;
            string Cell(string key) => cells.GetValueOrDefault(key) ?? "";
            void Error(string key, string message) => errors.Add(new(row, Label(key), message));
            var lead = new Lead { StoreId = store, Source = LeadSource.OemBatch, State = LeadState.New, CreatedAt = now, UpdatedAt = now, CreatedBy = me.DisplayName };
            if (Cell("oemLeadNumber") is { Length: > 0 and <= 40 } oem) lead.OemLeadNumber = oem; else Error("oemLeadNumber", l["Validation.Required", Label("oemLeadNumber")]);
            if (Cell("name") is { Length: > 0 and <= 50 } name) lead.Name = name; else Error("name", l["Validation.Required", Label("name")]);
            var mobile = Phone.CheckMobile(Cell("mobile"));
            if (mobile.Ok) lead.SetMobile(mobile.Value!); else Error("mobile", l["Validation.InvalidValue", Label("mobile")]);
            var level = Cell("intentLevel") is { Length: > 0 } lv ? levels.FirstOrDefault(x => string.Equals(x.Code, lv, StringComparison.OrdinalIgnoreCase)) : levels[levels.Count / 2];
            if (level is null) Error("intentLevel", l["Leads.UnknownLevel", Label("intentLevel"), string.Join("/", levels.Select(x => x.Code))]); else lead.IntentLevel = level.Code;
            foreach (var (key, max) in new[] { ("series", 50), ("model", 50), ("region", 50), ("needs", 1000) })
                if (Cell(key).Length > max) Error(key, l["Validation.StringLength", Label(key), max]);
            (lead.Series, lead.Model, lead.Region, lead.Needs) = (LeadDesk.Blank(Cell("series")), LeadDesk.Blank(Cell("model")), LeadDesk.Blank(Cell("region")), LeadDesk.Blank(Cell("needs")));
            parsed.Add((row, lead));
        }
        if (parsed.Count == 0 && errors.Count == 0) return new(null, [new(0, "", l["Import.Empty"])]);
        await DuplicatesAsync(store, parsed, errors);
        if (errors.Count > 0) return new(null, errors.OrderBy(e => e.Row).ToList());
        return await SaveAsync(store, number!, arrived!.Value, now, parsed.Select(p => p.Lead).ToList(), fileName) is { } saved
            ? new(saved, []) : new(null, [new(0, l["Field.BatchNumber"], l["LeadImport.BatchExists", number!])]);
    }

    /// <summary>Within the file (the OEM's number, the mobile) and against the store (the OEM's number ever, an open lead of the mobile), a thousand values per query.</summary>
    private async Task DuplicatesAsync(int store, List<(int Row, Lead Lead)> parsed, List<RowError> errors)
    {
        foreach (var (key, of) in new (string, Func<Lead, string?>)[] { ("oemLeadNumber", x => x.OemLeadNumber), ("mobile", x => x.Mobile.Length > 0 ? x.Mobile : null) })
            foreach (var g in parsed.Where(p => of(p.Lead) is not null).GroupBy(p => of(p.Lead)!).Where(g => g.Count() > 1))
                foreach (var dup in g.Skip(1)) errors.Add(new(dup.Row, Label(key), l["Import.DuplicateInFile", g.First().Row]));
        var numbers = new HashSet<string>();
        foreach (var chunk in parsed.Select(p => p.Lead.OemLeadNumber).OfType<string>().Distinct().Chunk(1000))
            numbers.UnionWith(await db.Leads.Where(x => x.StoreId == store && x.OemLeadNumber != null && chunk.Contains(x.OemLeadNumber)).Select(x => x.OemLeadNumber!).ToListAsync());
        var open = new Dictionary<string, long>();
        foreach (var chunk in parsed.Select(p => p.Lead.Mobile).Where(m => m.Length > 0).Distinct().Chunk(1000))
            foreach (var x in await db.Leads.Where(LeadStates.Open).Where(x => x.StoreId == store && chunk.Contains(x.Mobile)).Select(x => new { x.Mobile, x.Id }).ToListAsync())
                open.TryAdd(x.Mobile, x.Id);
        foreach (var (row, lead) in parsed)
        {
            if (lead.OemLeadNumber is { } n && numbers.Contains(n)) errors.Add(new(row, Label("oemLeadNumber"), l["LeadImport.NumberExists", n]));
            if (open.TryGetValue(lead.Mobile, out var id)) errors.Add(new(row, Label("mobile"), l["LeadImport.OpenLead", Lead.NumberOf(id)]));
        }
    }

    /// <summary>The batch and its leads through the one write path; null when another import took the batch number a moment ago.</summary>
    private async Task<LeadBatch?> SaveAsync(int store, string number, DateTime arrived, DateTime now, List<Lead> leads, string fileName)
    {
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == store).Select(s => s.TimeZone).SingleAsync());
        var due = arrived.AddHours(await settings.GetAsync(LeadSettings.OemFeedbackHours, store));
        var customers = new Dictionary<string, long>();
        foreach (var chunk in leads.Select(x => x.Mobile).Distinct().Chunk(1000))
            foreach (var c in await db.Customers.Where(c => c.StoreId == store && c.Mobile != null && chunk.Contains(c.Mobile) && c.Status != Customers.ArchiveStatus.Merged)
                         .Select(c => new { c.Mobile, c.Id }).ToListAsync())
                customers.TryAdd(c.Mobile!, c.Id);
        var round = await desk.RoundRobinAsync(store, leads.Count);
        var batch = new LeadBatch { StoreId = store, BatchNumber = number, ArrivedAt = arrived, ImportedAt = now, ImportedBy = me.DisplayName, Leads = leads.Count };
        db.LeadBatches.Add(batch);
        uow.AuditOnSave(() => new(LeadAuditActions.Imported, $"{fileName}: batch {number}, {leads.Count} leads ({leads[0].Number} … {leads[^1].Number})", "LeadBatch",
            batch.Id.ToString(CultureInfo.InvariantCulture), store));
        // The batch, then its leads (they need its id), then their timeline and clocks (they need theirs): one transaction.
        var saved = await uow.SaveAsync(batch, then: async () =>
        {
            for (var i = 0; i < leads.Count; i++)
            {
                var x = leads[i];
                (x.BatchId, x.FeedbackDueAt, x.NextFollowUpOn, x.NextClockAt, x.CustomerId) = (batch.Id, due, StoreTime.DateOf(now, zone), now, customers.GetValueOrDefault(x.Mobile) is var c and > 0 ? c : null);
                if (round.Count > 0) desk.GiveByRound(x, round[i % round.Count], now);
            }
            db.Leads.AddRange(leads);
            await db.SaveChangesAsync();
            foreach (var x in leads)
            {
                db.LeadEvents.Add(new LeadEvent { LeadId = x.Id, Kind = LeadEventKind.Created, At = now, ByUserId = me.Id, ByName = me.DisplayName, Note = number });
                if (x.ConsultantName is { } who) db.LeadEvents.Add(new LeadEvent { LeadId = x.Id, Kind = LeadEventKind.AutoAssigned, At = now, ByUserId = me.Id, ByName = me.DisplayName, Note = who });
                db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = x.Id, Limit = LeadLimit.OemFeedback, Kind = LimitEventKind.Started, At = arrived });
            }
            await db.SaveChangesAsync();
        }, taken: () => uow.Refuse<LeadBatch>("batchNumber", l["LeadImport.BatchExists", number]));
        return saved.Saved ? batch : null;
    }
}
