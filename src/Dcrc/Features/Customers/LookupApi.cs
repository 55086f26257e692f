using Dcrc.Data;
using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>Screen pop (来电弹屏) and VIN lookup: an incoming number resolves at once to the customers and their vehicles.</summary>
public static class LookupApi
{
    public sealed record PopCustomer(long Id, string ArchiveNumber, string Name, string? Mobile, CustomerClass Class, IReadOnlyList<CustomersApi.VehicleSummary> Vehicles);
    public sealed record Pop(string Number, IReadOnlyList<PopCustomer> Customers);

    public static RouteGroupBuilder MapLookupApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lookup/phone/{number}", Phone).RequireAuthorization(CustomerPermissions.Read.Policy)
            .WithSummary("Screen pop: the customers (and their vehicles) with this mobile or landline, or who drive a vehicle with this mobile");
        api.MapGet("/vehicles/{vin}", ByVin).RequireAuthorization(CustomerPermissions.Read.Policy).WithSummary("A vehicle by VIN, with its owner");
        api.MapPut("/vehicles/{vin}", UpdateVehicle).RequireAuthorization(CustomerPermissions.Write.Policy)
            .WithSummary("Replace a vehicle's fields (not its VIN) with the version you read (409 if someone saved meanwhile); changes go into the owner's history");
        api.MapPost("/vehicles/{vin}/codes", RevealCodes).RequireAuthorization(CustomerPermissions.VehicleCodes.Policy)
            .WithSummary("The vehicle's key code and audio code in clear (audited)");
        api.MapPost("/customers/{id:long}/vehicles", AddVehicle).RequireAuthorization(CustomerPermissions.Write.Policy).WithSummary("Add a vehicle to a customer; 409 when the VIN exists (archiveNumber of its archive when you may see it)");
        return api;
    }

    public static async Task<Ok<Pop>> Phone(string number, CustomerArchive archive) => TypedResults.Ok(await archive.ScreenPopAsync(number));

    public sealed record VehicleDto(long Id, string Vin, string? PlateNumber, string? Series, string? Model, string? Trim, string? Sfx, string? ExteriorColour,
        string? InteriorColour, string? CertificateNumber, string? InvoiceNumber, DateOnly? PurchaseDate, DateOnly? DeliveryDate, int? Mileage, bool BoughtHere,
        bool InsuredHere, string? PolicyNumber, DateOnly? InsuranceDate, DateOnly? InsuranceExpiry, DateOnly? AnnualInspectionDate, string? DriverName,
        string? DriverMobile, string? SalesConsultantId, long CustomerId, string CustomerArchiveNumber, string CustomerName, int Version);

    public static async Task<Results<Ok<VehicleDto>, NotFound, ForbidHttpResult>> ByVin(string vin, CustomerArchive archive, DcrcDb db)
    {
        var normalised = vin.Trim().ToUpperInvariant();
        // One query for the usual case; only a miss asks whether the vehicle exists out of the user's reach.
        var owner = await archive.ReadByVinAsync(normalised);
        if (owner is null) return await db.Vehicles.AnyAsync(v => v.Vin == normalised) ? TypedResults.Forbid() : TypedResults.NotFound();
        var v = owner.Vehicle;
        return TypedResults.Ok(new VehicleDto(v.Id, v.Vin, v.PlateNumber, v.Series, v.Model, v.Trim, v.Sfx, v.ExteriorColour, v.InteriorColour, v.CertificateNumber,
            v.InvoiceNumber, v.PurchaseDate, v.DeliveryDate, v.Mileage, v.BoughtHere, v.InsuredHere, v.PolicyNumber, v.InsuranceDate, v.InsuranceExpiry,
            v.AnnualInspectionDate, v.DriverName, Kernel.Identifiers.Phone.Mask(v.DriverMobile), v.SalesConsultantId, owner.OwnerId, owner.ArchiveNumber, owner.Name, v.Version));
    }

    public static async Task<Results<Ok<VehicleDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> UpdateVehicle(string vin, VehicleInput input,
        VehicleRegister register, CustomerArchive archive, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        input.Vin ??= vin;
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        if (Versioned.Missing(input.Version, l) is { } unversioned) return validator.Problem(unversioned);
        var written = await register.UpdateAsync(vin, input);
        if (!written.Saved) return written.ToApi<Vehicle, Ok<VehicleDto>>(_ => throw new InvalidOperationException(), l);
        return (await ByVin(vin, archive, db)).Result is Ok<VehicleDto> ok ? ok : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<VehicleRegister.Codes>, NotFound, ForbidHttpResult>> RevealCodes(string vin, VehicleRegister register) =>
        await register.RevealCodesAsync(vin) switch
        {
            (VehicleRegister.UpdateResult.Saved, { } codes) => TypedResults.Ok(codes),
            (VehicleRegister.UpdateResult.Forbidden, _) => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<Created<CustomersApi.VehicleSummary>, NotFound, ValidationProblem, ProblemHttpResult>> AddVehicle(long id, VehicleInput input,
        VehicleRegister register, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var outcome = await register.AddAsync(id, input);
        if (outcome is null) return TypedResults.NotFound();
        if (outcome.Duplicate)
            return TypedResults.Problem(l["Validation.Duplicate", l["Field.Vin"]], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Duplicate"],
                extensions: outcome.ExistingArchiveNumber is { } number ? new Dictionary<string, object?> { ["archiveNumber"] = number } : null);
        if (outcome.Errors.Count > 0) return validator.Problem(outcome.Errors);
        var v = outcome.Vehicle!;
        return TypedResults.Created($"/api/v1/vehicles/{v.Vin}", new CustomersApi.VehicleSummary(v.Id, v.Vin, v.PlateNumber, v.Model, v.PurchaseDate));
    }
}
