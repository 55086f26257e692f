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
        api.MapGet("/service/due", Due).RequireAuthorization(read)
            .WithSummary("The maintenance list (定期保养一览表): the store's vehicles due from..to (store dates; default a month back to a month ahead), advisor (user id), model, status (notContacted, contacted, booked, declined, lostToOther), kind (first, regular); page, pageSize; the customer masked");
        api.MapPost("/service/due/{vehicleId:long}/status", SetStatus).RequireAuthorization(ServicePermissions.Remind.Policy)
            .WithSummary("Set a due vehicle's status for this cycle after a call: status (contacted, booked, declined, lostToOther), note, version (the line's; 0 when not contacted yet); recorded as a call in the customer's archive; 409 when someone set it meanwhile");
        return api;
    }

    public static async Task<Results<Ok<Paged<DueLine>>, ValidationProblem>> Due(MaintenanceList list, MaintenancePlans plans, Kernel.Time.StoreClock clock, ApiValidator validator,
        IStringLocalizer<SharedResource> l, int? storeId = null, DateOnly? from = null, DateOnly? to = null, string? advisor = null, string? model = null,
        string? status = null, string? kind = null, int page = 1, int pageSize = 50)
    {
        if (plans.StoreOf(storeId) is not { } store) return validator.Problem("storeId", l["Validation.Required", l["Field.Store"]]);
        // Enum values as the answers spell them (camelCase), any case.
        MaintenanceStatus? byStatus = null;
        DueKind? byKind = null;
        if (status is { Length: > 0 })
            if (Enum.TryParse<MaintenanceStatus>(status, ignoreCase: true, out var st) && Enum.IsDefined(st)) byStatus = st;
            else return validator.Problem("status", l["Validation.InvalidValue", l["Field.MaintenanceStatus"]]);
        if (kind is { Length: > 0 })
            if (Enum.TryParse<DueKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k)) byKind = k;
            else return validator.Problem("kind", l["Validation.InvalidValue", l["Service.Kind"]]);
        var today = await clock.TodayAsync(store);
        var (f, t) = (from ?? today.AddDays(-DueModel.WindowDays), to ?? today.AddDays(DueModel.WindowDays));
        if (t < f) return validator.Problem("to", l["Validation.InvalidValue", l["Field.ToDate"]]);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var (items, total) = await list.PageAsync(store, new DueFilter(f, t, advisor, model, byStatus, byKind), page, pageSize);
        return TypedResults.Ok(new Paged<DueLine>(items, page, pageSize, total));
    }

    public sealed record FollowUpDto(long VehicleId, MaintenanceStatus Status, DateOnly CycleFrom, DateTime At, string? By, string? Note, int Version);

    public static async Task<IResult> SetStatus(long vehicleId, DueStatusInput input, MaintenanceList list, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return (await list.SetStatusAsync(vehicleId, input)).ToApi(u => TypedResults.Ok(new FollowUpDto(u.VehicleId, u.Status, u.CycleFrom, u.At, u.ByName, u.Note, u.Version)), l);
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
