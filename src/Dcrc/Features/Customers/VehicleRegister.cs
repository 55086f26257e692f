using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>Vehicles of a customer: one vehicle, one file. A VIN exists once in the whole group.</summary>
[AuditActionSet]
public static class VehicleAuditActions
{
    public const string Added = "vehicles.create";
    public const string Updated = "vehicles.update";
    public const string CodesRevealed = "vehicles.codes";
}

public class VehicleRegister(DcrcDb db, CustomerArchive archive, AuditLog audit, UnitOfWork uow, ArchiveHistory history, Kernel.Security.PersonalData personal,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary><see cref="Duplicate"/>: the VIN is another vehicle's; <see cref="ExistingArchiveNumber"/> names its archive only when the user may see it.</summary>
    public sealed record Outcome(Vehicle? Vehicle, Dictionary<string, string[]> Errors, bool Duplicate = false, string? ExistingArchiveNumber = null);

    /// <summary>Checks and normalises every field into <paramref name="v"/>; the VIN only when it is new.</summary>
    private async Task<Dictionary<string, string[]>> ApplyAsync(VehicleInput input, Vehicle v, int storeId)
    {
        var errors = new Dictionary<string, string[]>();
        var plate = string.IsNullOrWhiteSpace(input.PlateNumber) ? (Checked?)null : PlateNumber.Check(input.PlateNumber);
        if (plate is { Ok: false } p) errors["plateNumber"] = [l[p.ErrorKey!, l["Field.PlateNumber"]]];
        var driver = string.IsNullOrWhiteSpace(input.DriverMobile) ? (Checked?)null : Phone.CheckMobile(input.DriverMobile);
        if (driver is { Ok: false } d) errors["driverMobile"] = [l[d.ErrorKey!, l["Field.DriverMobile"]]];
        var tomorrow = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1));
        if (input.PurchaseDate is { } pd && (pd > tomorrow || pd.Year < 1950)) errors["purchaseDate"] = [l["Validation.InvalidValue", l["Field.PurchaseDate"]]];
        if (input.DeliveryDate is { } dd && (dd > tomorrow || dd.Year < 1950 || (input.PurchaseDate is { } bought && dd < bought)))
            errors["deliveryDate"] = [l["Validation.InvalidValue", l["Field.DeliveryDate"]]];
        if (input.InsuranceDate is { } i && input.InsuranceExpiry is { } e && e < i) errors["insuranceExpiry"] = [l["Validation.InvalidValue", l["Field.InsuranceExpiry"]]];
        if (input.SalesConsultantId is { Length: > 0 } sc && !await db.Users.AnyAsync(u => u.Id == sc && u.Stores.Any(s => s.StoreId == storeId)))
            errors["salesConsultantId"] = [l["Validation.InvalidValue", l["Field.SalesConsultant"]]];
        // Encrypted, a code must fit its column: 59 bytes of UTF-8 at most.
        if (input.KeyCode is { } key && System.Text.Encoding.UTF8.GetByteCount(key.Trim()) > 59) errors["keyCode"] = [l["Validation.InvalidValue", l["Field.KeyCode"]]];
        if (input.AudioCode is { } audio && System.Text.Encoding.UTF8.GetByteCount(audio.Trim()) > 59) errors["audioCode"] = [l["Validation.InvalidValue", l["Field.AudioCode"]]];
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        v.PlateNumber = plate?.Value; v.Series = T(input.Series); v.Model = T(input.Model); v.Trim = T(input.Trim); v.Sfx = T(input.Sfx);
        v.ExteriorColour = T(input.ExteriorColour); v.InteriorColour = T(input.InteriorColour); v.CertificateNumber = T(input.CertificateNumber);
        v.InvoiceNumber = T(input.InvoiceNumber); v.PurchaseDate = input.PurchaseDate; v.DeliveryDate = input.DeliveryDate; v.BoughtHere = input.BoughtHere;
        v.InsuredHere = input.InsuredHere; v.PolicyNumber = T(input.PolicyNumber); v.InsuranceDate = input.InsuranceDate; v.InsuranceExpiry = input.InsuranceExpiry;
        v.AnnualInspectionDate = input.AnnualInspectionDate; v.DriverName = T(input.DriverName); v.DriverMobile = driver?.Value;
        v.SalesConsultantId = input.SalesConsultantId is { Length: > 0 } ? input.SalesConsultantId : null;
        v.Mileage = input.Mileage;
        if (!string.IsNullOrWhiteSpace(input.KeyCode)) v.KeyCodeEncrypted = personal.Protect(input.KeyCode.Trim());
        if (!string.IsNullOrWhiteSpace(input.AudioCode)) v.AudioCodeEncrypted = personal.Protect(input.AudioCode.Trim());
        return errors;
    }

    public async Task<Outcome?> AddAsync(long customerId, VehicleInput input)
    {
        var viewer = await archive.ViewerAsync();
        var customer = await archive.Visible(viewer).FirstOrDefaultAsync(c => c.Id == customerId);
        if (customer is null) return null;
        var vin = Vin.Check(input.Vin);
        var vehicle = new Vehicle { StoreId = customer.StoreId, CustomerId = customer.Id, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var errors = await ApplyAsync(input, vehicle, customer.StoreId);
        if (!vin.Ok) errors["vin"] = [l[vin.ErrorKey!, l["Field.Vin"]]];
        if (errors.Count > 0) return new(null, errors);

        var existing = await db.Vehicles.IgnoreQueryFilters().AsNoTracking().Where(v => v.Vin == vin.Value).Select(v => (long?)v.CustomerId).FirstOrDefaultAsync();
        if (existing != null)
        {
            // One VIN per group: that it exists is said to everyone, whose archive only to who may see it (never an internal id).
            var number = await archive.Visible(viewer).Where(c => c.Id == existing).Select(c => c.ArchiveNumber).FirstOrDefaultAsync();
            return new(null, new() { ["vin"] = [l["Validation.Duplicate", l["Field.Vin"]]] }, Duplicate: true, ExistingArchiveNumber: number);
        }
        vehicle.SetVin(vin.Value!);
        db.Vehicles.Add(vehicle);
        uow.AuditOnSave(() => new(VehicleAuditActions.Added, $"{vehicle.Vin} → {customer.ArchiveNumber}", "Vehicle", vehicle.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        await uow.SaveAsync(vehicle);
        return new(vehicle, []);
    }

    public enum UpdateResult { Saved, NotFound, Forbidden }

    /// <summary>Changes a vehicle of a customer the user may see; the VIN stays; every changed field goes into the customer's history.</summary>
    public async Task<Written<Vehicle>> UpdateAsync(string vin, VehicleInput input)
    {
        var vehicle = await db.Vehicles.FirstOrDefaultAsync(v => v.Vin == vin.Trim().ToUpperInvariant());
        if (vehicle is null) return Written.NotFound<Vehicle>();
        var customer = await archive.Visible(await archive.ViewerAsync()).FirstOrDefaultAsync(c => c.Id == vehicle.CustomerId);
        if (customer is null) return Written.Forbidden<Vehicle>();
        var before = Snapshot(vehicle);
        // The driver's mobile is shown masked; sent back untouched it means "unchanged".
        if (input.DriverMobile?.Contains('*') == true)
        {
            input = input.Copy(); // the caller's copy keeps the masked number it showed
            input.DriverMobile = vehicle.DriverMobile;
        }
        var errors = await ApplyAsync(input, vehicle, vehicle.StoreId);
        if (errors.Count > 0) return uow.Refuse<Vehicle>(WriteStatus.Invalid, errors);
        if (input.Version is { } version) db.Entry(vehicle).Property(v => v.Version).OriginalValue = version;
        var after = Snapshot(vehicle);
        var changed = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        // A code typed again is a change even though both sides show as "***".
        if (!string.IsNullOrWhiteSpace(input.KeyCode) && !changed.Contains("keyCode")) changed.Add("keyCode");
        if (!string.IsNullOrWhiteSpace(input.AudioCode) && !changed.Contains("audioCode")) changed.Add("audioCode");
        foreach (var f in changed) history.Record(customer.Id, "vehicle." + f, before[f], after[f], vehicle.Id);
        if (changed.Count > 0)
            uow.Audit(new(VehicleAuditActions.Updated, $"{vehicle.Vin}: {string.Join(", ", changed)}", "Vehicle", vehicle.Id.ToString(CultureInfo.InvariantCulture), vehicle.StoreId));
        return await uow.SaveAsync(vehicle);
    }

    public sealed record Codes(string Vin, string? KeyCode, string? AudioCode);

    /// <summary>The key and audio codes in clear, for those allowed; every reveal is audited.</summary>
    public async Task<(UpdateResult Result, Codes? Codes)> RevealCodesAsync(string vin)
    {
        var vehicle = await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Vin == vin.Trim().ToUpperInvariant());
        if (vehicle is null) return (UpdateResult.NotFound, null);
        if (!await archive.Visible(await archive.ViewerAsync()).AnyAsync(c => c.Id == vehicle.CustomerId)) return (UpdateResult.Forbidden, null);
        await audit.WriteAsync(VehicleAuditActions.CodesRevealed, $"{vehicle.Vin}: key and audio code", "Vehicle", vehicle.Id.ToString(CultureInfo.InvariantCulture), vehicle.StoreId);
        return (UpdateResult.Saved, new(vehicle.Vin, personal.Unprotect(vehicle.KeyCodeEncrypted), personal.Unprotect(vehicle.AudioCodeEncrypted)));
    }

    private static Dictionary<string, string?> Snapshot(Vehicle v)
    {
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["plateNumber"] = v.PlateNumber, ["series"] = v.Series, ["model"] = v.Model, ["trim"] = v.Trim, ["sfx"] = v.Sfx, ["exteriorColour"] = v.ExteriorColour,
            ["interiorColour"] = v.InteriorColour, ["certificateNumber"] = v.CertificateNumber, ["invoiceNumber"] = v.InvoiceNumber, ["purchaseDate"] = D(v.PurchaseDate),
            ["deliveryDate"] = D(v.DeliveryDate), ["boughtHere"] = v.BoughtHere.ToString(), ["insuredHere"] = v.InsuredHere.ToString(), ["policyNumber"] = v.PolicyNumber,
            ["insuranceDate"] = D(v.InsuranceDate), ["insuranceExpiry"] = D(v.InsuranceExpiry), ["annualInspectionDate"] = D(v.AnnualInspectionDate),
            ["driverName"] = v.DriverName, ["driverMobile"] = Phone.Mask(v.DriverMobile), ["salesConsultantId"] = v.SalesConsultantId,
            ["mileage"] = v.Mileage?.ToString(CultureInfo.InvariantCulture),
            // The codes themselves never go into the history; only that they were set or changed.
            ["keyCode"] = v.KeyCodeEncrypted is null ? null : "***",
            ["audioCode"] = v.AudioCodeEncrypted is null ? null : "***",
        };
    }
}
