using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Service;

/// <summary><c>/api/v1/service</c>: the maintenance plans and the vehicles' forecasts.</summary>
public static class ServiceApi
{
    public sealed record PlanDto(int Id, int StoreId, string Series, string Model, int FirstKm, int FirstMonths, int IntervalKm, int IntervalMonths, DateTime UpdatedAt, string? UpdatedBy, int Version);
    public sealed record PlansDto(int StoreId, PlanIntervals Default, IReadOnlyList<PlanDto> Plans);
    public sealed record ForecastDto(long VehicleId, decimal KmPerDay, PaceSource Pace, int? LastKm, DateOnly? LastReadOn, DueKind Kind, DateOnly DueOn, int DueKm, DueBy By,
        int? PlanId, DateTime ComputedAt);

    public static PlanDto ToDto(MaintenancePlan p) => new(p.Id, p.StoreId, p.Series, p.Model, p.FirstKm, p.FirstMonths, p.IntervalKm, p.IntervalMonths, p.UpdatedAt, p.UpdatedBy, p.Version);

    public static RouteGroupBuilder MapServiceApi(this RouteGroupBuilder api)
    {
        var read = ServicePermissions.Read.Policy;
        api.MapGet("/service/plans", Plans).RequireAuthorization(read)
            .WithSummary("The store's maintenance plans (per series, or one model of it) and the store's default (settings reminders.*) for vehicles no plan names; storeId when you have several stores");
        api.MapPost("/service/plans", Create).RequireAuthorization(ServicePermissions.Plans.Policy)
            .WithSummary("Add a plan: series, model (empty: the whole series), firstKm, firstMonths, intervalKm, intervalMonths, storeId; the series' forecasts are recounted at once; 400 per field (one plan per series and model)");
        api.MapPut("/service/plans/{id:int}", Update).RequireAuthorization(ServicePermissions.Plans.Policy)
            .WithSummary("Change a plan: the fields of the add and version (required); the forecasts are recounted; 409 stale");
        api.MapDelete("/service/plans/{id:int}", Delete).RequireAuthorization(ServicePermissions.Plans.Policy)
            .WithSummary("Remove a plan (version as read): its vehicles fall back to the store's default; 409 stale");
        api.MapGet("/service/forecasts/{vehicleId:long}", Forecast).RequireAuthorization(read)
            .WithSummary("A vehicle's maintenance forecast: km per day (from its repair orders, or the default), the last trusted reading, the next maintenance (first or regular), its day and mileage and which rule set it (distance or time)");
        return api;
    }

    public static async Task<Results<Ok<PlansDto>, ValidationProblem>> Plans(MaintenancePlans plans, Forecasts forecasts, ApiValidator validator, IStringLocalizer<SharedResource> l, int? storeId = null)
    {
        if (plans.StoreOf(storeId) is not { } store) return validator.Problem("storeId", l["Validation.Required", l["Field.Store"]]);
        return TypedResults.Ok(new PlansDto(store, (await forecasts.RulesAsync(store)).Default, (await plans.OfStoreAsync(store)).Select(ToDto).ToList()));
    }

    public static async Task<IResult> Create(PlanInput input, MaintenancePlans plans, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        (await plans.SaveAsync(null, input, validator.Validate(input))).ToApi(p => TypedResults.Created($"/api/v1/service/plans/{p.Id}", ToDto(p)), l);

    public static async Task<IResult> Update(int id, PlanInput input, MaintenancePlans plans, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        (await plans.SaveAsync(id, input, validator.Validate(input))).ToApi(p => TypedResults.Ok(ToDto(p)), l);

    public static async Task<IResult> Delete(int id, MaintenancePlans plans, ApiValidator validator, IStringLocalizer<SharedResource> l, int? version = null) =>
        version is not { } v ? validator.Problem("version", l["Validation.Required", l["Field.Version"]])
            : (await plans.DeleteAsync(id, v)).ToApi(_ => TypedResults.NoContent(), l);

    public static async Task<Results<Ok<ForecastDto>, NotFound>> Forecast(long vehicleId, DcrcDb db) =>
        await db.VehicleForecasts.AsNoTracking().FirstOrDefaultAsync(x => x.VehicleId == vehicleId) is { } f
            ? TypedResults.Ok(new ForecastDto(f.VehicleId, f.KmPerDay, f.Pace, f.LastKm, f.LastReadOn, f.Kind, f.DueOn, f.DueKm, f.By, f.PlanId, f.ComputedAt))
            : TypedResults.NotFound();
}
