using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>Vehicles of a customer: one vehicle, one file. A VIN exists once in the whole group.</summary>
[AuditActionSet]
public static class VehicleAuditActions
{
    public const string Added = "vehicles.create";
}

public class VehicleRegister(DcrcDb db, CustomerArchive archive, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public sealed record Outcome(Vehicle? Vehicle, Dictionary<string, string[]> Errors, long? ExistingCustomerId = null);

    public async Task<Outcome?> AddAsync(long customerId, VehicleInput input)
    {
        var customer = await archive.Visible(await archive.ViewerAsync()).FirstOrDefaultAsync(c => c.Id == customerId);
        if (customer is null) return null;
        var errors = new Dictionary<string, string[]>();
        var vin = Vin.Check(input.Vin);
        if (!vin.Ok) errors["vin"] = [l[vin.ErrorKey!, l["Field.Vin"]]];
        var plate = string.IsNullOrWhiteSpace(input.PlateNumber) ? (Checked?)null : PlateNumber.Check(input.PlateNumber);
        if (plate is { Ok: false } p) errors["plateNumber"] = [l[p.ErrorKey!, l["Field.PlateNumber"]]];
        var driver = string.IsNullOrWhiteSpace(input.DriverMobile) ? (Checked?)null : Phone.CheckMobile(input.DriverMobile);
        if (driver is { Ok: false } d) errors["driverMobile"] = [l[d.ErrorKey!, l["Field.DriverMobile"]]];
        if (input.PurchaseDate is { } pd && pd > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
            errors["purchaseDate"] = [l["Validation.InvalidValue", l["Field.PurchaseDate"]]];
        if (errors.Count > 0) return new(null, errors);

        var existing = await db.Vehicles.IgnoreQueryFilters().AsNoTracking().Where(v => v.Vin == vin.Value).Select(v => (long?)v.CustomerId).FirstOrDefaultAsync();
        if (existing != null) return new(null, new() { ["vin"] = [l["Validation.Duplicate", l["Field.Vin"]]] }, existing);

        var vehicle = new Vehicle
        {
            StoreId = customer.StoreId, CustomerId = customer.Id, Vin = vin.Value!, VinLast6 = vin.Value![^6..], PlateNumber = plate?.Value,
            Series = input.Series?.Trim(), Model = input.Model?.Trim(), ExteriorColour = input.ExteriorColour?.Trim(),
            PurchaseDate = input.PurchaseDate, DeliveryDate = input.DeliveryDate, Mileage = input.Mileage, DriverName = input.DriverName?.Trim(),
            DriverMobile = driver?.Value, BoughtHere = input.BoughtHere, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync();
        await audit.WriteAsync(VehicleAuditActions.Added, $"{vehicle.Vin} → {customer.ArchiveNumber}", "Vehicle", vehicle.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId);
        await tx.CommitAsync();
        return new(vehicle, []);
    }
}
