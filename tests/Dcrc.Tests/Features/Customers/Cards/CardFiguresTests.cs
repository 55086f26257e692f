using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Cards;
using Dcrc.Features.Customers.Records;

namespace Dcrc.Tests.Features.Customers.Cards;

public class CardFiguresTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static CardFigures.Order Ro(string date, RepairType type, int? km = null, string no = "RO") =>
        new(TransactionKind.RepairOrder, type, DateOnly.Parse(date), km, no, "梁诚");
    private static CardFigures.Order Sale(string date) => new(TransactionKind.Sale, null, DateOnly.Parse(date), null, "S", "唐杰");

    [Fact]
    public void Visits_are_counted_per_day_within_6_12_and_36_months_and_the_next_maintenance_is_the_forecasts()
    {
        var f = CardFigures.From([
            Sale("2023-01-10"),
            Ro("2023-06-01", RepairType.Maintenance, 5_000), Ro("2024-12-01", RepairType.Repair, 21_000),
            Ro("2026-01-15", RepairType.Maintenance, 30_000), Ro("2026-06-01", RepairType.Bodywork, 33_000), Ro("2026-06-01", RepairType.Repair, 33_000, "RO2"),
            Ro("2026-10-01", RepairType.Maintenance, 38_000),
        ], Today, 37_500, new NextMaintenance(new DateOnly(2027, 4, 1), 43_000, false, 16.2m, false, false, 38_000, new DateOnly(2026, 10, 1)));
        f.FirstVisit.ShouldBe(new DateOnly(2023, 6, 1));
        f.SecondVisit.ShouldBe(new DateOnly(2024, 12, 1));
        f.LastVisit.ShouldBe(new DateOnly(2026, 10, 1));
        f.VisitsIn6Months.ShouldBe(2);   // 2026-06-01 (two orders, one visit) and 2026-10-01
        f.VisitsIn12Months.ShouldBe(3);
        f.VisitsIn36Months.ShouldBe(4);  // 2023-06-01 is more than 36 months back
        f.Mileage.ShouldBe(38_000);
        f.FirstMaintenanceHere.ShouldBeTrue();
        f.NextMaintenanceDate.ShouldBe(new DateOnly(2027, 4, 1));
        f.NextMaintenanceMileage.ShouldBe(43_000);
        f.RepeatPurchase.ShouldBeFalse();
    }

    [Fact]
    public void A_buyer_without_repair_orders_has_no_visits_and_a_second_sale_is_a_repeat_purchase()
    {
        var f = CardFigures.From([Sale("2024-01-01"), Sale("2026-01-01")], Today, 120, null);
        f.FirstVisit.ShouldBeNull();
        f.VisitsIn36Months.ShouldBe(0);
        f.FirstMaintenanceHere.ShouldBeFalse();
        f.NextMaintenanceDate.ShouldBeNull();
        f.Mileage.ShouldBe(120);
        f.RepeatPurchase.ShouldBeTrue();
    }

    [Theory]
    [InlineData(CustomerCard.A, TransactionKind.RepairOrder, RepairType.Maintenance, true)]
    [InlineData(CustomerCard.A, TransactionKind.RepairOrder, RepairType.Repair, false)]
    [InlineData(CustomerCard.A, TransactionKind.Sale, null, false)]
    [InlineData(CustomerCard.C, TransactionKind.RepairOrder, RepairType.Maintenance, false)]
    public void Only_a_maintenance_moves_an_A_card_customer_to_the_C_card(CustomerCard card, TransactionKind kind, RepairType? type, bool moves) =>
        CardFigures.MovesToC(card, kind, type).ShouldBe(moves);
}
