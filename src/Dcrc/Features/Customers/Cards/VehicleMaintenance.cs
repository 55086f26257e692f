namespace Dcrc.Features.Customers.Cards;

/// <summary>A vehicle's next maintenance as the service feature forecasts it: which, when, at what mileage, at what pace.</summary>
public sealed record NextMaintenance(DateOnly DueOn, int DueKm, bool First, decimal KmPerDay, bool DefaultPace, bool ByDistance, int? LastKm, DateOnly? LastReadOn);

/// <summary>
/// A seam for the C card and the vehicle file: the next maintenance of vehicles comes from the service feature's one
/// rule (its forecast), which the archive does not know; that feature registers the implementation.
/// </summary>
public interface IVehicleMaintenance
{
    Task<IReadOnlyDictionary<long, NextMaintenance>> NextAsync(IReadOnlyCollection<long> vehicleIds);
}
