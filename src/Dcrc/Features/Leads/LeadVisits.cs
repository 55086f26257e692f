using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>
/// The showroom visits as the callback centre sees them (<see cref="ISourceVisits"/>): the visit of a visit callback,
/// the visitor's number masked, in full only for a call made on that task (audited). Within the user's stores.
/// </summary>
public sealed class LeadVisits(DcrcDb db, AuditLog audit) : ISourceVisits
{
    public async Task<SourceVisit?> FindAsync(long visitId)
    {
        var v = await db.LeadVisits.AsNoTracking().Where(x => x.Id == visitId)
            .Join(db.Leads, x => x.LeadId, x => x.Id, (x, lead) => new { x, lead.Name, lead.Mobile, lead.IntentLevel }).FirstOrDefaultAsync();
        return v is null ? null : new SourceVisit(v.x.Id, v.x.LeadId, Lead.NumberOf(v.x.LeadId), v.x.StoreId, v.x.ArrivedAt, v.x.LeftAt, v.x.PartySize, v.Name,
            LeadViews.Masked(v.Mobile), v.x.Model, v.x.ConsultantName, v.x.TestDrive, v.IntentLevel);
    }

    public async Task<Dictionary<long, (string? Name, string? MaskedMobile)>> VisitorsAsync(IReadOnlyCollection<long> visitIds)
    {
        if (visitIds.Count == 0) return [];
        return (await db.LeadVisits.AsNoTracking().Where(x => visitIds.Contains(x.Id)).Join(db.Leads, x => x.LeadId, x => x.Id, (x, lead) => new { x.Id, lead.Name, lead.Mobile })
            .ToListAsync()).ToDictionary(x => x.Id, x => ((string?)x.Name, (string?)LeadViews.Masked(x.Mobile)));
    }

    public async Task<string?> NumberForCallAsync(int storeId, long visitId, string why)
    {
        var v = await db.LeadVisits.AsNoTracking().Where(x => x.Id == visitId && x.StoreId == storeId)
            .Join(db.Leads, x => x.LeadId, x => x.Id, (x, lead) => new { lead.Id, lead.Mobile }).FirstOrDefaultAsync();
        if (v is null) return null;
        await audit.WriteAsync(LeadAuditActions.Unmask, $"{Lead.NumberOf(v.Id)} {why}", "Lead", v.Id.ToString(CultureInfo.InvariantCulture), storeId);
        return v.Mobile;
    }

    /// <summary>The visits of a lead, newest first (the lead card).</summary>
    public Task<List<LeadVisit>> OfLeadAsync(long leadId) =>
        db.LeadVisits.AsNoTracking().Where(x => x.LeadId == leadId).OrderByDescending(x => x.ArrivedAt).ToListAsync();
}
