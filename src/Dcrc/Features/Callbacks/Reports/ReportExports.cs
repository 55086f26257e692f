using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

[AuditActionSet]
public static class CallbackReportAuditActions
{
    /// <summary>A list with customers' details (表3, 表4, 表13) was read.</summary>
    public const string Read = "callbacks.report_read";
    public const string Export = "callbacks.report_export";
}

/// <summary>
/// Each report as .xlsx: the page's columns and lines (all of them, up to <see cref="CallbackLists.ExportLimit"/>), then
/// the report, its period and store, the exporting user and time, and the confidentiality line. Audited.
/// </summary>
public class ReportExports(CallbackReports reports, CallbackLists lists, DcrcDb db, StoreScope scope, CurrentUser me, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public sealed record Export(byte[] File, string FileName);

    public async Task<Export> SatisfactionAsync(SatisfactionBy per, ReportPeriod p)
    {
        var lines = await reports.SatisfactionAsync(per, p.From, p.To, p.StoreId);
        var total = SatisfactionLine.Total("", lines);
        var rows = lines.Select(x => ReportTables.SatisfactionCells(per, x, ReportTables.LineName(x, l)))
            .Append(ReportTables.SatisfactionCells(per, total, l["Reports.Total"]));
        var headers = ReportTables.SatisfactionHeaders(per, await reports.LimitsAsync(p.StoreId), l);
        return await WriteAsync(ReportTables.Title(per, l), headers, rows, p, lines.Count, $"satisfaction-{ReportTables.TableName(per)}");
    }

    public async Task<Export> DailyAsync(ReportPeriod p)
    {
        var d = await lists.DailyAsync(p);
        var rows = d.Specialists.Select(s => ReportTables.SpecialistCells(s, s.Name ?? ""))
            .Append(ReportTables.SpecialistCells(d.Total, l["Reports.Total"]))
            .Append([])
            .Append(ReportTables.KindHeaders(l).ToList<string?>())
            .Concat(d.Kinds.Select(k => ReportTables.KindCells(k, l["CallbackKind." + k.Kind])))
            .Append(ReportTables.KindCells(d.TotalKinds, l["Reports.Total"]));
        return await WriteAsync(l["Reports.Daily.Title"], ReportTables.SpecialistHeaders(l), rows, p, d.Specialists.Count, "daily");
    }

    public async Task<Export> FailuresAsync(ReportPeriod p)
    {
        var page = await lists.FailuresAsync(p, 1, CallbackLists.ExportLimit);
        return await WriteAsync(l["Reports.Failures.Title"], ReportTables.FailureHeaders(l), page.Items.Select(r => ReportTables.FailureCells(r, p.Zone, l)),
            p, page.Items.Count, "failures");
    }

    public async Task<Export> InvalidAsync(ReportPeriod? range, ReportPeriod p)
    {
        var page = await lists.InvalidAsync(range, p.StoreId, 1, CallbackLists.ExportLimit);
        return await WriteAsync(l["Reports.Invalid.Title"], ReportTables.InvalidHeaders(l), page.Items.Select(r => ReportTables.InvalidCells(r, p.Zone, l)),
            range ?? p, page.Items.Count, "invalid", allDates: range is null);
    }

    public async Task<Export> SmsAsync(ReportPeriod p)
    {
        var page = await lists.SmsAsync(p, 1, CallbackLists.ExportLimit);
        return await WriteAsync(l["Reports.Sms.Title"], ReportTables.SmsHeaders(l), page.Items.Select(r => ReportTables.SmsCells(r, p.Zone, l)), p, page.Items.Count, "sms");
    }

    /// <summary>The store a report covers, for its footer: the one named, the current one, or every store the user sees.</summary>
    public async Task<string> StoreLabelAsync(int? storeId)
    {
        var id = storeId ?? scope.CurrentStoreId ?? (!scope.AllStores && scope.StoreIds.Count == 1 ? scope.StoreIds[0] : null);
        var name = id is { } s ? await db.Stores.AsNoTracking().Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync() : null;
        return name ?? l["Reports.AllStores"];
    }

    private async Task<Export> WriteAsync(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, ReportPeriod p, int count,
        string name, bool allDates = false)
    {
        var at = StoreTime.FormatSeconds(clock.GetUtcNow().UtcDateTime, p.Zone);
        var scopeLine = l["Reports.ExportScope", title, allDates ? l["Reports.AllDates"] : p.Label, await StoreLabelAsync(p.StoreId)];
        var file = Spreadsheet.Write(title, headers, rows, [scopeLine, l["Export.By", me.DisplayName, me.UserName ?? "", at], l["Export.Confidential"]]);
        await audit.WriteAsync(CallbackReportAuditActions.Export, $"{name} {(allDates ? "all dates" : p.Label)} store={p.StoreId?.ToString() ?? "all"}: {count} rows");
        var stamp = allDates ? p.Today : p.To;
        return new(file, $"{name}-{ReportPeriod.Format(stamp)}.xlsx");
    }
}
