using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Service;

/// <summary>A plan as the service manager enters it: the series (and optionally one model), the first maintenance and the interval.</summary>
public sealed class PlanInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Series")] public string? Series { get; set; }
    [StringLength(80, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Model")] public string? Model { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(500, 100_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.FirstMaintenanceKm")] public int? FirstKm { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(1, 36, ErrorMessage = "Validation.Range"), Display(Name = "Field.FirstMaintenanceMonths")] public int? FirstMonths { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(500, 100_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.IntervalKm")] public int? IntervalKm { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(1, 36, ErrorMessage = "Validation.Range"), Display(Name = "Field.IntervalMonths")] public int? IntervalMonths { get; set; }
    [Display(Name = "Field.Store")] public int? StoreId { get; set; }
    /// <summary>Changing a plan: the version as read (required).</summary>
    [Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>
/// The store's maintenance plans (SPEC §8), kept by the service manager; saving or deleting one recounts the forecasts
/// of the series' vehicles at once, in the same transaction.
/// </summary>
public sealed class MaintenancePlans(DcrcDb db, CurrentUser me, StoreScope scope, Forecasts forecasts, UnitOfWork uow, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public Task<List<MaintenancePlan>> OfStoreAsync(int storeId) =>
        db.MaintenancePlans.AsNoTracking().Where(p => p.StoreId == storeId).OrderBy(p => p.Series).ThenBy(p => p.Model).ToListAsync();

    /// <summary>The store the user works in (switched to, or their only one).</summary>
    public int? StoreOf(int? asked) => asked is { } s ? (scope.CanSee(s) ? s : null) : scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);

    /// <summary>Adds a plan (no <paramref name="id"/>) or changes one; one plan per series and model.</summary>
    public async Task<Written<MaintenancePlan>> SaveAsync(int? id, PlanInput input, IReadOnlyDictionary<string, string[]>? checkedErrors = null)
    {
        if (!await me.CanAsync(ServicePermissions.Plans)) return Written.Forbidden<MaintenancePlan>();
        if (checkedErrors is { Count: > 0 }) return uow.Refuse<MaintenancePlan>(WriteStatus.Invalid, checkedErrors);
        MaintenancePlan? plan;
        if (id is { } existing)
        {
            plan = await db.MaintenancePlans.FirstOrDefaultAsync(p => p.Id == existing);
            if (plan is null) return Written.NotFound<MaintenancePlan>();
            if (input.Version is not { } version) return uow.Refuse<MaintenancePlan>("version", l["Validation.Required", l["Field.Version"]]);
            db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        }
        else
        {
            if (StoreOf(input.StoreId) is not { } store) return uow.Refuse<MaintenancePlan>("storeId", l["Validation.Required", l["Field.Store"]]);
            plan = new MaintenancePlan { StoreId = store };
            db.MaintenancePlans.Add(plan);
        }
        var formerSeries = plan.Series;
        (plan.Series, plan.Model) = (input.Series!.Trim(), input.Model?.Trim() ?? "");
        (plan.FirstKm, plan.FirstMonths, plan.IntervalKm, plan.IntervalMonths) = (input.FirstKm!.Value, input.FirstMonths!.Value, input.IntervalKm!.Value, input.IntervalMonths!.Value);
        (plan.UpdatedAt, plan.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, me.DisplayName);
        if (await db.MaintenancePlans.AnyAsync(p => p.StoreId == plan.StoreId && p.Series == plan.Series && p.Model == plan.Model && p.Id != plan.Id))
            return Taken(plan);
        uow.AuditOnSave(() => new(ServiceAuditActions.PlanSaved, Describe(plan), "MaintenancePlan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.StoreId));
        return await uow.SaveAsync(plan, then: async () =>
        {
            await forecasts.RecountStoreAsync(plan.StoreId, plan.Series);
            if (formerSeries.Length > 0 && formerSeries != plan.Series) await forecasts.RecountStoreAsync(plan.StoreId, formerSeries);
        }, taken: () => Taken(plan));
    }

    public async Task<Written<MaintenancePlan>> DeleteAsync(int id, int version)
    {
        if (!await me.CanAsync(ServicePermissions.Plans)) return Written.Forbidden<MaintenancePlan>();
        var plan = await db.MaintenancePlans.FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null) return Written.NotFound<MaintenancePlan>();
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        db.MaintenancePlans.Remove(plan);
        uow.Audit(new(ServiceAuditActions.PlanDeleted, Describe(plan), "MaintenancePlan", id.ToString(CultureInfo.InvariantCulture), plan.StoreId));
        return await uow.SaveAsync(plan, then: () => forecasts.RecountStoreAsync(plan.StoreId, plan.Series));
    }

    private Written<MaintenancePlan> Taken(MaintenancePlan plan) => uow.Refuse<MaintenancePlan>(WriteStatus.Invalid,
        new Dictionary<string, string[]> { ["model"] = [l["Service.PlanExists", plan.Series + (plan.Model.Length > 0 ? " " + plan.Model : "")]] });

    private static string Describe(MaintenancePlan p) =>
        $"{p.Series} {p.Model}: first {p.FirstKm} km / {p.FirstMonths} months, every {p.IntervalKm} km / {p.IntervalMonths} months".Replace("  ", " ");
}
