using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers.Records;

/// <summary>A contact with a customer (沟通记录): a call, a visit, a meeting. Summary and outcome are cut to their columns.</summary>
public sealed record NewContact(int StoreId, long CustomerId, long? VehicleId, InteractionChannel Channel, DateTime At, string Summary, string? Outcome = null);

/// <summary>
/// "Record a contact": the one way a contact joins a customer's archive — from the archive's own page or from the call
/// desk. It counts for the class cadence (001 五): a call moves the customer's last call, a visit or meeting the last
/// visit, set in place so that it does not bump the version an open edit form holds. Saved in the caller's transaction.
/// </summary>
public sealed class ContactLog(DcrcDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Interaction> RecordAsync(NewContact c, CancellationToken ct = default)
    {
        var interaction = new Interaction
        {
            StoreId = c.StoreId, CustomerId = c.CustomerId, VehicleId = c.VehicleId, Channel = c.Channel, At = c.At,
            Summary = c.Summary.Length > 500 ? c.Summary[..500] : c.Summary, Outcome = c.Outcome is { Length: > 200 } o ? o[..200] : c.Outcome,
            ByUserId = me.Id, ByName = me.DisplayName, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(ct);
        // Past the row filter: the caller has checked the customer; the statement names one archive by id.
        var customer = db.Customers.IgnoreQueryFilters().Where(x => x.Id == c.CustomerId);
        var at = c.At;
        if (c.Channel == InteractionChannel.Call)
            await customer.Where(x => x.LastCallAt == null || x.LastCallAt < at).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastCallAt, at), ct);
        if (c.Channel is InteractionChannel.Visit or InteractionChannel.Meeting)
            await customer.Where(x => x.LastVisitAt == null || x.LastVisitAt < at).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastVisitAt, at), ct);
        return interaction;
    }
}
