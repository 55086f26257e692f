using System.Globalization;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>Conversion: a lead that orders becomes an archive customer (or links to the one of its mobile), its history kept.</summary>
public partial class LeadDesk
{
    /// <summary>
    /// The lead ordered: a draft archive is made through the archive's own service (prefilled from the lead, checked for
    /// duplicates, approved as every draft is), or — when the archive already has the mobile — the lead links to that
    /// customer. The lead closes as ordered, its clocks stop; one transaction.
    /// </summary>
    public async Task<Written<Lead>> ConvertAsync(long id, VersionInput input)
    {
        var (lead, status) = await LoadAsync(id);
        if (lead is null) return Away<Lead>(status);
        if (!(lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow)) && !await me.CanAsync(LeadPermissions.Assign)) return Written.Forbidden<Lead>();
        if (lead.State is not (LeadState.Following or LeadState.New)) return uow.Refuse<Lead>("", l["Leads.NotNow", l[$"LeadState.{lead.State}"]]);
        if (lead.Version != input.Version) return uow.Conflict<Lead>();
        return await uow.AllOrNothingAsync(() => CloseAsOrderedAsync(lead, input.Version!.Value));
    }

    /// <summary>The archive (made or found) and the lead closed as ordered, in the caller's transaction.</summary>
    private async Task<Written<Lead>> CloseAsOrderedAsync(Lead lead, int version)
    {
        string? archiveNumber = null;
        if (lead.CustomerId is null)
        {
            var made = await archive.CreateAsync(new CustomerInput
            {
                Type = CustomerType.Individual, Kind = CustomerKind.Individual, Class = CustomerClass.C, Name = lead.Name, Mobile = lead.Mobile, Gender = lead.Gender,
                Address = new AddressInput { District = lead.Region }, OwnerUserId = lead.ConsultantUserId, Notes = l["Leads.ConvertedNote", lead.Number],
            }, lead.StoreId);
            if (made.Saved) (lead.CustomerId, archiveNumber) = (made.Value!.Id, made.Value.ArchiveNumber);
            else if (made.Status == WriteStatus.Duplicate && made.Detail is IReadOnlyList<CustomerArchive.Match> { Count: > 0 } matches)
                (lead.CustomerId, archiveNumber) = (matches[0].Id, matches[0].ArchiveNumber);
            else return uow.Refuse<Lead>(made.Status == WriteStatus.Forbidden ? WriteStatus.Forbidden : WriteStatus.Invalid, made.Errors);
        }
        var now = Now;
        db.Entry(lead).Property(x => x.Version).OriginalValue = version;
        (lead.State, lead.OrderedAt, lead.ClosedAt, lead.NextFollowUpOn, lead.NextClockAt, lead.LateSince, lead.UpdatedAt) =
            (LeadState.Ordered, lead.OrderedAt ?? now, now, null, null, null, now);
        await StopClocksAsync(lead.Id, now, LimitEventKind.Cancelled);
        archiveNumber ??= await db.Customers.Where(c => c.Id == lead.CustomerId).Select(c => c.ArchiveNumber).FirstOrDefaultAsync();
        db.LeadEvents.Add(Event(lead.Id, LeadEventKind.Converted, now, archiveNumber));
        uow.Audit(new(LeadAuditActions.Changed, $"{lead.Number} converted → {archiveNumber}", "Lead", lead.Id.ToString(CultureInfo.InvariantCulture), lead.StoreId));
        return await uow.SaveAsync(lead);
    }
}
