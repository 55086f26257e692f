using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Cards;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Service;

/// <summary>
/// Keeps <see cref="VehicleForecast"/>: the store's vehicles a chunk at a time (their repair orders read in one range
/// of the (vehicle, date) index), each counted by <see cref="MaintenanceForecast"/> with its plan, the chunk's forecasts
/// replaced in one statement each — the same answer however often it runs. Also the archive's
/// <see cref="IVehicleMaintenance"/> (the card's and the vehicle file's next maintenance).
/// </summary>
public sealed class Forecasts(DcrcDb db, SettingsStore settings, TimeProvider clock) : IVehicleMaintenance
{
    public const int Chunk = 2000;

    private sealed record VehicleRow(long Id, long CustomerId, string? Series, string? Model, DateOnly? Delivered, bool BoughtHere);
    private sealed record OrderRow(long Id, long VehicleId, DateOnly Date, int? Mileage, RepairType? Type, bool OdometerChanged, string? StaffUserId, string? StaffName);

    /// <summary>What a store counts with: its plans, its defaults and the pace rules.</summary>
    public sealed record StoreRules(IReadOnlyList<MaintenancePlan> Plans, PlanIntervals Default, MaintenanceForecast.Rules Pace)
    {
        /// <summary>The plan of the model, else of the series, else the store's default (null plan id).</summary>
        public (PlanIntervals Intervals, int? PlanId) PlanFor(string? series, string? model)
        {
            var s = series?.Trim() ?? "";
            var m = model?.Trim() ?? "";
            var plan = Plans.FirstOrDefault(p => p.Model.Length > 0 && string.Equals(p.Series, s, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Model, m, StringComparison.OrdinalIgnoreCase))
                ?? Plans.FirstOrDefault(p => p.Model.Length == 0 && string.Equals(p.Series, s, StringComparison.OrdinalIgnoreCase));
            return plan is null ? (Default, null) : (plan.Intervals, plan.Id);
        }
    }

    public async Task<StoreRules> RulesAsync(int storeId, CancellationToken ct = default) => new(
        await db.MaintenancePlans.AsNoTracking().Where(p => p.StoreId == storeId).ToListAsync(ct),
        new PlanIntervals(await settings.GetAsync(ServiceSettings.FirstMaintenanceKm, storeId), await settings.GetAsync(ServiceSettings.FirstMaintenanceMonths, storeId),
            await settings.GetAsync(ServiceSettings.MaintenanceIntervalKm, storeId), await settings.GetAsync(ServiceSettings.MaintenanceIntervalMonths, storeId)),
        new MaintenanceForecast.Rules(await settings.GetAsync(ServiceSettings.DefaultKmPerDay, storeId), await settings.GetAsync(ServiceSettings.ForecastMinDays, storeId),
            await settings.GetAsync(ServiceSettings.ForecastWindowDays, storeId), await settings.GetAsync(ServiceSettings.ImplausibleKmPerDay, storeId)));

    /// <summary>Recounts every vehicle of the store (the nightly job), or those of one series (a plan changed). Returns how many have a forecast.</summary>
    public async Task<int> RecountStoreAsync(int storeId, string? series = null, CancellationToken ct = default)
    {
        var rules = await RulesAsync(storeId, ct);
        var counted = 0;
        long after = 0;
        while (true)
        {
            var q = db.Vehicles.AsNoTracking().Where(v => v.StoreId == storeId && v.Id > after);
            if (series is not null) q = q.Where(v => v.Series == series);
            var vehicles = await q.OrderBy(v => v.Id).Take(Chunk)
                .Select(v => new VehicleRow(v.Id, v.CustomerId, v.Series, v.Model, v.DeliveryDate ?? v.PurchaseDate, v.BoughtHere)).ToListAsync(ct);
            if (vehicles.Count == 0) return counted;
            counted += await CountAsync(storeId, vehicles, rules, ct);
            after = vehicles[^1].Id;
        }
    }

    /// <summary>Recounts one vehicle (a repair order was recorded for it), inside the caller's transaction.</summary>
    public async Task RecountVehicleAsync(long vehicleId, CancellationToken ct = default)
    {
        var v = await db.Vehicles.AsNoTracking().Where(x => x.Id == vehicleId)
            .Select(x => new { Row = new VehicleRow(x.Id, x.CustomerId, x.Series, x.Model, x.DeliveryDate ?? x.PurchaseDate, x.BoughtHere), x.StoreId }).FirstOrDefaultAsync(ct);
        if (v is null) return;
        await CountAsync(v.StoreId, [v.Row], await RulesAsync(v.StoreId, ct), ct);
    }

    private async Task<int> CountAsync(int storeId, List<VehicleRow> vehicles, StoreRules rules, CancellationToken ct)
    {
        var (first, last) = (vehicles[0].Id, vehicles[^1].Id);
        var ids = vehicles.Select(v => v.Id).ToList();
        var orders = (await db.Transactions.AsNoTracking()
                .Where(t => t.StoreId == storeId && t.Kind == TransactionKind.RepairOrder && t.VehicleId >= first && t.VehicleId <= last)
                .Select(t => new OrderRow(t.Id, t.VehicleId!.Value, t.Date, t.Mileage, t.RepairType, t.OdometerChanged, t.StaffUserId, t.StaffName)).ToListAsync(ct))
            .ToLookup(o => o.VehicleId);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<VehicleForecast>(vehicles.Count);
        foreach (var v in vehicles)
        {
            var own = orders[v.Id].ToList();
            var readings = own.Where(o => o.Mileage is not null).Select(o => new MaintenanceForecast.Reading(o.Date, o.Mileage!.Value, o.OdometerChanged)).ToList();
            var lastMaintenance = own.Where(o => o.Type == RepairType.Maintenance).Select(o => (DateOnly?)o.Date).Max();
            var (plan, planId) = rules.PlanFor(v.Series, v.Model);
            if (MaintenanceForecast.Of(new MaintenanceForecast.Vehicle(v.Delivered, v.BoughtHere, readings, lastMaintenance), plan, rules.Pace) is not { } f) continue;
            var advisor = own.OrderByDescending(o => o.Date).ThenByDescending(o => o.Id).FirstOrDefault();
            rows.Add(new VehicleForecast
            {
                VehicleId = v.Id, StoreId = storeId, CustomerId = v.CustomerId, KmPerDay = f.KmPerDay, Pace = f.Pace, LastKm = f.LastKm, LastReadOn = f.LastReadOn,
                Kind = f.Kind, DueOn = f.DueOn, DueKm = f.DueKm, By = f.By, PlanId = planId, CycleFrom = f.From, AdvisorUserId = advisor?.StaffUserId,
                AdvisorName = advisor?.StaffName, ComputedAt = now,
            });
        }
        // Replace the chunk's forecasts: one delete of the range, the new rows inserted in batches.
        await db.VehicleForecasts.Where(x => x.StoreId == storeId && x.VehicleId >= first && x.VehicleId <= last && ids.Contains(x.VehicleId)).ExecuteDeleteAsync(ct);
        if (rows.Count > 0)
        {
            var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                db.VehicleForecasts.AddRange(rows);
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                foreach (var r in rows) db.Entry(r).State = EntityState.Detached;
                db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            }
        }
        return rows.Count;
    }

    public async Task<IReadOnlyDictionary<long, NextMaintenance>> NextAsync(IReadOnlyCollection<long> vehicleIds) =>
        vehicleIds.Count == 0 ? new Dictionary<long, NextMaintenance>()
        : await db.VehicleForecasts.AsNoTracking().Where(x => vehicleIds.Contains(x.VehicleId))
            .ToDictionaryAsync(x => x.VehicleId, x => new NextMaintenance(x.DueOn, x.DueKm, x.Kind == DueKind.First, x.KmPerDay, x.Pace == PaceSource.Default, x.By == DueBy.Distance, x.LastKm, x.LastReadOn));
}

/// <summary>A repair order's vehicle is recounted at once, in the transaction that records it.</summary>
public sealed class ForecastOnRepairOrder(Forecasts forecasts) : ITransactionFollowUp
{
    public Task RecordedAsync(CustomerTransaction transaction, CancellationToken ct = default) =>
        transaction.Kind == TransactionKind.RepairOrder && transaction.VehicleId is { } v ? forecasts.RecountVehicleAsync(v, ct) : Task.CompletedTask;
}

/// <summary>Each day every store's forecasts are recounted (the time rule moves on, plans and settings change, vehicles are edited).</summary>
public sealed class ForecastJob(DcrcDb db, Forecasts forecasts) : IScheduledJob
{
    public string Name => "service.forecast";
    public TimeSpan Period => TimeSpan.FromDays(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        foreach (var store in await db.Stores.Select(s => s.Id).ToListAsync(ct)) await forecasts.RecountStoreAsync(store, ct: ct);
    }
}
