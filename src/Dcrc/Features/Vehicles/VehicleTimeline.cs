using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Vehicles;

public enum TimelineKind { Purchase, Delivery, Sale, RepairOrder, Deal, Interaction, Document }

/// <summary>One event in a vehicle's life, newest first on the page; <see cref="Date"/> is the store's local date.</summary>
public sealed record TimelineEvent(DateOnly Date, DateTime? At, TimelineKind Kind, string? Type, string? Number, string? Text, decimal? Amount, int? Mileage,
    string? Staff, long? DocumentId);

/// <summary>
/// A vehicle's file as a timeline per VIN (一车一档): purchase and delivery, its sales contract and repair
/// orders, the interactions about it and its documents. Opening it reads the owner's archive (audited).
/// </summary>
public class VehicleTimeline(DcrcDb db, CustomerArchive archive)
{
    public sealed record View(Vehicle Vehicle, Customer Owner, IReadOnlyList<TimelineEvent> Events);
    public enum Refusal { NotFound, Forbidden }

    public async Task<(View? View, Refusal? Refused)> ForVinAsync(string vin)
    {
        var normalised = vin.Trim().ToUpperInvariant();
        var vehicle = await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Vin == normalised);
        if (vehicle is null) return (null, Refusal.NotFound);
        var owner = await archive.ReadAsync(vehicle.CustomerId);
        if (owner is null) return (null, Refusal.Forbidden);
        var zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == vehicle.StoreId).Select(s => s.TimeZone).SingleAsync());
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(StoreTime.ToLocal(utc, zone));

        var events = new List<TimelineEvent>();
        if (vehicle.PurchaseDate is { } p) events.Add(new(p, null, TimelineKind.Purchase, null, null, vehicle.Model, null, null, null, null));
        if (vehicle.DeliveryDate is { } d) events.Add(new(d, null, TimelineKind.Delivery, null, null, null, null, null, null, null));
        events.AddRange((await db.Transactions.AsNoTracking().Where(t => t.VehicleId == vehicle.Id).ToListAsync()).Select(t => new TimelineEvent(t.Date, null,
            t.Kind switch { TransactionKind.Sale => TimelineKind.Sale, TransactionKind.RepairOrder => TimelineKind.RepairOrder, _ => TimelineKind.Deal },
            t.RepairType?.ToString(), t.Number, t.Note, t.Amount, t.Mileage, t.StaffName, null)));
        events.AddRange((await db.Interactions.AsNoTracking().Where(i => i.VehicleId == vehicle.Id).ToListAsync()).Select(i => new TimelineEvent(Local(i.At), i.At,
            TimelineKind.Interaction, i.Channel.ToString(), null, i.Outcome is null ? i.Summary : $"{i.Summary} — {i.Outcome}", null, null, i.ByName, null)));
        events.AddRange((await db.Documents.AsNoTracking().Where(x => x.VehicleId == vehicle.Id).ToListAsync()).Select(x => new TimelineEvent(Local(x.UploadedAt), x.UploadedAt,
            TimelineKind.Document, x.Type.ToString(), null, x.Title, null, null, x.UploadedBy, x.Id)));
        return (new View(vehicle, owner, events.OrderByDescending(e => e.Date).ThenByDescending(e => e.At).ToList()), null);
    }
}
