using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Service;

/// <summary>
/// A maintenance plan of the store for a series, or one model of it (SPEC §8): the first maintenance after delivery
/// and the regular interval, each by distance and by time. The service manager keeps them; a vehicle takes the plan of
/// its model, else of its series, else the store's settings (<see cref="ServiceSettings"/>).
/// </summary>
public class MaintenancePlan : IStoreOwned
{
    public int Id { get; set; }
    public int StoreId { get; set; }
    [MaxLength(50)] public string Series { get; set; } = "";
    /// <summary>Empty: every model of the series.</summary>
    [MaxLength(80)] public string Model { get; set; } = "";
    public int FirstKm { get; set; }
    public int FirstMonths { get; set; }
    public int IntervalKm { get; set; }
    public int IntervalMonths { get; set; }
    public DateTime UpdatedAt { get; set; }
    [MaxLength(64)] public string? UpdatedBy { get; set; }
    public int Version { get; set; }

    public PlanIntervals Intervals => new(FirstKm, FirstMonths, IntervalKm, IntervalMonths);
}

/// <summary>
/// The forecast of one vehicle, kept by <see cref="Forecasts"/> (each night, and when a repair order is recorded):
/// its pace, the last trusted reading, and the next maintenance — which one, when, at what mileage, by which rule.
/// </summary>
public class VehicleForecast : IStoreOwned
{
    public long VehicleId { get; set; }
    public int StoreId { get; set; }
    public long CustomerId { get; set; }
    public decimal KmPerDay { get; set; }
    public PaceSource Pace { get; set; }
    public int? LastKm { get; set; }
    public DateOnly? LastReadOn { get; set; }
    public DueKind Kind { get; set; }
    public DateOnly DueOn { get; set; }
    public int DueKm { get; set; }
    public DueBy By { get; set; }
    /// <summary>The plan it was counted with (null: the store's settings).</summary>
    public int? PlanId { get; set; }
    /// <summary>What the due counts from: the last maintenance, or the delivery. A new maintenance starts a new cycle of the list's follow-up.</summary>
    public DateOnly CycleFrom { get; set; }
    /// <summary>The service advisor of the vehicle's last repair order (the maintenance list by advisor).</summary>
    [MaxLength(64)] public string? AdvisorUserId { get; set; }
    [MaxLength(50)] public string? AdvisorName { get; set; }
    public DateTime ComputedAt { get; set; }
}

public enum MaintenanceStatus { NotContacted = 0, Contacted = 1, Booked = 2, Declined = 3, LostToOther = 4 }

/// <summary>
/// Where the DCRC stands with a vehicle's due maintenance (定期保养一览表's status) for the cycle it was set in; a new
/// maintenance starts a new cycle, and the vehicle is not contacted again until someone calls.
/// </summary>
public class MaintenanceFollowUp : IStoreOwned
{
    public long VehicleId { get; set; }
    public int StoreId { get; set; }
    public DateOnly CycleFrom { get; set; }
    public MaintenanceStatus Status { get; set; }
    public DateTime At { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(50)] public string? ByName { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
    public int Version { get; set; }
}

public class MaintenanceFollowUpConfiguration : IEntityTypeConfiguration<MaintenanceFollowUp>
{
    public void Configure(EntityTypeBuilder<MaintenanceFollowUp> e)
    {
        e.HasKey(x => x.VehicleId);
        e.Property(x => x.VehicleId).ValueGeneratedNever();
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class MaintenancePlanConfiguration : IEntityTypeConfiguration<MaintenancePlan>
{
    public void Configure(EntityTypeBuilder<MaintenancePlan> e)
    {
        e.HasIndex(x => new { x.StoreId, x.Series, x.Model }).IsUnique();
        e.Ignore(x => x.Intervals);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class VehicleForecastConfiguration : IEntityTypeConfiguration<VehicleForecast>
{
    public void Configure(EntityTypeBuilder<VehicleForecast> e)
    {
        e.HasKey(x => x.VehicleId);
        e.Property(x => x.VehicleId).ValueGeneratedNever(); // the vehicle's id
        e.Property(x => x.KmPerDay).HasPrecision(7, 1);
        // The maintenance list: a store's vehicles due in a window.
        e.HasIndex(x => new { x.StoreId, x.DueOn });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => new { x.StoreId, x.AdvisorUserId, x.DueOn });
    }
}
