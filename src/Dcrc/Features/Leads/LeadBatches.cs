using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>A batch as the list shows it: its leads, the feedback given and given in time, the OEM's check and the dealer's pass rate.</summary>
public sealed record BatchLine(long Id, int StoreId, string BatchNumber, DateTime ArrivedAt, DateTime DueAt, DateTime ImportedAt, string? ImportedBy, int Leads,
    int FedBack, int OnTime, int Owed, int Checked, int Passed, int Transferred, int Decided)
{
    /// <summary>
    /// Share answered within the deadline of the leads already decided — answered, or past their deadline unanswered —
    /// percent; a batch still inside its 24 hours is not counted against (null while none is decided).
    /// </summary>
    public double? OnTimeRate => Decided == 0 ? null : Math.Round(100.0 * OnTime / Decided, 1);
    /// <summary>The OEM's pass rate of the checked feedback (true to the wish, accurate, brochure or appointment offered), percent.</summary>
    public double? PassRate => Checked == 0 ? null : Math.Round(100.0 * Passed / Checked, 1);
}

/// <summary>The OEM's batches: their lines, the feedback export in the OEM's layout. Reads within the user's stores.</summary>
public sealed class LeadBatches(DcrcDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>A batch's number (the lead card's line), without its figures.</summary>
    public Task<string?> NumberAsync(long id) => db.LeadBatches.AsNoTracking().Where(b => b.Id == id).Select(b => b.BatchNumber).FirstOrDefaultAsync();

    /// <summary>One page of the batches, newest first, and how many there are.</summary>
    public async Task<(List<BatchLine> Items, int Total)> PageAsync(int page, int pageSize) =>
        (await LinesAsync(null, (page - 1) * pageSize, pageSize), await db.LeadBatches.CountAsync());

    public async Task<List<BatchLine>> LinesAsync(long? only = null, int skip = 0, int take = 200)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batches = db.LeadBatches.AsNoTracking().Where(b => only == null || b.Id == only);
        var stats = db.Leads.AsNoTracking().Where(x => x.BatchId != null && (only == null || x.BatchId == only)).GroupBy(x => x.BatchId!.Value).Select(g => new
        {
            Id = g.Key,
            Leads = g.Count(),
            FedBack = g.Count(x => x.FeedbackAt != null),
            OnTime = g.Count(x => x.FeedbackAt != null && x.FeedbackAt <= x.FeedbackDueAt),
            Owed = g.Count(x => x.FeedbackAt == null && x.State != LeadState.Transferred),
            Checked = g.Count(x => x.OemCheckedAt != null),
            Passed = g.Count(x => x.OemCheckedAt != null && x.OemFeedbackTrue == true && x.OemInfoAccurate == true && x.OemOffered == true),
            Transferred = g.Count(x => x.State == LeadState.Transferred),
            Decided = g.Count(x => x.FeedbackAt != null || x.FeedbackDueAt <= now),
        });
        var rows = await batches.OrderByDescending(b => b.ArrivedAt).ThenByDescending(b => b.Id).Skip(skip).Take(take).ToListAsync();
        var ids = rows.Select(b => b.Id).ToList();
        var counts = await stats.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var hours = await db.Leads.AsNoTracking().Where(x => x.BatchId != null && ids.Contains(x.BatchId.Value)).GroupBy(x => x.BatchId!.Value)
            .Select(g => new { g.Key, Due = g.Max(x => x.FeedbackDueAt) }).ToDictionaryAsync(x => x.Key, x => x.Due);
        return rows.Select(b => counts.TryGetValue(b.Id, out var c)
            ? new BatchLine(b.Id, b.StoreId, b.BatchNumber, b.ArrivedAt, hours.GetValueOrDefault(b.Id) ?? b.ArrivedAt, b.ImportedAt, b.ImportedBy, c.Leads, c.FedBack, c.OnTime, c.Owed, c.Checked, c.Passed, c.Transferred, c.Decided)
            : new BatchLine(b.Id, b.StoreId, b.BatchNumber, b.ArrivedAt, b.ArrivedAt, b.ImportedAt, b.ImportedBy, 0, 0, 0, 0, 0, 0, 0, 0)).ToList();
    }

    /// <summary>
    /// The dealer's feedback in the OEM's layout (潜在客户跟踪表): batch, the OEM's lead number, ours, the name, the mobile
    /// masked (the OEM has it), the one feedback choice, the remark, the consultant, when, and whether it was in time. Audited.
    /// </summary>
    public async Task<byte[]?> FeedbackAsync(long batchId)
    {
        var batch = await db.LeadBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId);
        if (batch is null) return null;
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == batch.StoreId).Select(s => s.TimeZone).SingleAsync());
        var leads = await db.Leads.AsNoTracking().Where(x => x.BatchId == batchId).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.OemLeadNumber, x.Name, x.Mobile, x.Feedback, x.FeedbackRemark, x.FeedbackBy, x.FeedbackAt, x.FeedbackDueAt, x.State, x.TransferReason })
            .ToListAsync();
        string[] headers = ["BatchNumber", "OemLeadNumber", "LeadNumber", "Name", "Mobile", "Feedback", "Remark", "Consultant", "FeedbackAt", "OnTime", "State"];
        var rows = leads.Select(x => (IReadOnlyList<string?>)
        [
            batch.BatchNumber, x.OemLeadNumber, Lead.NumberOf(x.Id), x.Name, LeadViews.Masked(x.Mobile), x.Feedback is { } f ? l[$"LeadFeedback.{f}"] : "", x.FeedbackRemark, x.FeedbackBy,
            x.FeedbackAt is { } at ? StoreTime.Format(at, zone) : "", x.FeedbackAt is { } a && a <= x.FeedbackDueAt ? l["Common.Yes"] : l["Common.No"],
            x.State == LeadState.Transferred && x.TransferReason is { } r ? l[$"TransferReason.{r}"] : l[$"LeadState.{x.State}"],
        ]);
        await audit.WriteAsync(LeadAuditActions.Exported, $"feedback of batch {batch.BatchNumber}: {leads.Count} leads", "LeadBatch", batchId.ToString(CultureInfo.InvariantCulture), batch.StoreId);
        return Spreadsheet.Write(batch.BatchNumber, headers.Select(h => l["LeadExport." + h].Value).ToList(), rows);
    }
}
