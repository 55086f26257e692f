using Dcrc.Features.Customers.Records;

namespace Dcrc.Features.Customers.Cards;

/// <summary>
/// The C card's visit counters and dates (002 表10), derived from the repair orders at this store — never
/// typed. A visit is a day with at least one repair order.
/// </summary>
public sealed record CardFigures(
    bool FirstMaintenanceHere, DateOnly? FirstVisit, DateOnly? SecondVisit, DateOnly? LastVisit,
    int VisitsIn6Months, int VisitsIn12Months, int VisitsIn36Months, int? Mileage, bool RepeatPurchase,
    DateOnly? NextMaintenanceDate, int? NextMaintenanceMileage, string? LastOrderNumber, string? LastStaff)
{
    public sealed record Order(TransactionKind Kind, RepairType? RepairType, DateOnly Date, int? Mileage, string Number, string? Staff);

    /// <param name="orders">The customer's sales and repair orders at this store.</param>
    /// <param name="vehicleMileage">The highest mileage recorded on the customer's vehicles.</param>
    /// <param name="next">The next maintenance as forecast (<see cref="IVehicleMaintenance"/>); the earliest of the vehicles'.</param>
    public static CardFigures From(IReadOnlyCollection<Order> orders, DateOnly today, int? vehicleMileage, NextMaintenance? next)
    {
        var repairs = orders.Where(o => o.Kind == TransactionKind.RepairOrder && o.Date <= today).ToList();
        var days = repairs.Select(o => o.Date).Distinct().Order().ToList();
        int Since(int months) => days.Count(d => d > today.AddMonths(-months));
        var mileage = repairs.Select(o => o.Mileage).Append(vehicleMileage).Max();
        var last = orders.Where(o => o.Date <= today).OrderBy(o => o.Date).LastOrDefault();
        return new(
            FirstMaintenanceHere: repairs.Any(o => o.RepairType == RepairType.Maintenance),
            FirstVisit: days.Count > 0 ? days[0] : null,
            SecondVisit: days.Count > 1 ? days[1] : null,
            LastVisit: days.Count > 0 ? days[^1] : null,
            VisitsIn6Months: Since(6), VisitsIn12Months: Since(12), VisitsIn36Months: Since(36),
            Mileage: mileage,
            RepeatPurchase: orders.Count(o => o.Kind == TransactionKind.Sale) > 1,
            NextMaintenanceDate: next?.DueOn,
            NextMaintenanceMileage: next?.DueKm,
            LastOrderNumber: last?.Number, LastStaff: last?.Staff);
    }

    /// <summary>A buyer moves from the A card to the C card with their first maintenance at this store (002 §五).</summary>
    public static bool MovesToC(CustomerCard card, TransactionKind kind, RepairType? type) =>
        card == CustomerCard.A && kind == TransactionKind.RepairOrder && type == RepairType.Maintenance;
}
