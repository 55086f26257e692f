using Dcrc.Features.Service;
using static Dcrc.Features.Service.MaintenanceForecast;

namespace Dcrc.Tests.Features.Service;

public class MaintenanceForecastTests
{
    private static readonly PlanIntervals Plan = new(5000, 6, 5000, 6);
    private static readonly Rules Pace = new(40, 30, 730, 1000);
    private static DateOnly D(string s) => DateOnly.Parse(s);
    private static Reading R(string date, int km, bool odometer = false) => new(D(date), km, odometer);

    [Fact]
    public void A_new_car_without_history_is_due_for_its_first_maintenance_by_the_earlier_of_5000_km_at_the_default_pace_and_6_months()
    {
        // 5,000 km at 40 km a day: 125 days after delivery, before the 6 months.
        var f = Of(new Vehicle(D("2026-01-10"), true, [], null), Plan, Pace)!;
        (f.Kind, f.Pace, f.KmPerDay).ShouldBe((DueKind.First, PaceSource.Default, 40m));
        (f.DueOn, f.DueKm, f.By).ShouldBe((D("2026-01-10").AddDays(125), 5000, DueBy.Distance));
        // A slow pace: the 6 months come first.
        var slow = Of(new Vehicle(D("2026-01-10"), true, [], null), Plan, Pace with { DefaultKmPerDay = 10 })!;
        (slow.DueOn, slow.By).ShouldBe((D("2026-07-10"), DueBy.Time));
    }

    [Fact]
    public void The_pace_comes_from_the_readings_and_the_next_regular_maintenance_counts_from_the_last_one()
    {
        // Delivered 2025-01-01 at 0 km; maintained 2025-05-01 at 6,000 km (50 km/day over 120 days) and 2025-11-01 at 15,150 km.
        var v = new Vehicle(D("2025-01-01"), true, [R("2025-05-01", 6000), R("2025-11-01", 15150)], D("2025-11-01"));
        var f = Of(v, Plan, Pace)!;
        (f.Pace, f.KmPerDay).ShouldBe((PaceSource.History, Math.Round(15150m / 304, 1)));
        (f.Kind, f.DueKm, f.LastKm, f.LastReadOn).ShouldBe((DueKind.Regular, 20150, 15150, D("2025-11-01")));
        f.DueOn.ShouldBe(D("2025-11-01").AddDays((int)Math.Ceiling(5000 / f.KmPerDay)));
        f.By.ShouldBe(DueBy.Distance);
    }

    [Fact]
    public void Irregular_mileage_a_typing_error_below_and_a_digit_too_many_are_left_out_of_the_pace()
    {
        var v = new Vehicle(D("2025-01-01"), true, [R("2025-04-01", 4500), R("2025-06-01", 450), R("2025-08-01", 204500), R("2025-10-01", 13650)], D("2025-10-01"));
        Trusted(v, Pace).Select(r => r.Km).ShouldBe([0, 4500, 13650]);
        Of(v, Plan, Pace)!.KmPerDay.ShouldBe(Math.Round(13650m / 273, 1)); // 50 km a day
    }

    [Fact]
    public void A_rolled_back_odometer_marked_as_changed_starts_the_readings_afresh()
    {
        var v = new Vehicle(D("2024-01-01"), true, [R("2024-07-01", 9000), R("2025-01-01", 18000), R("2025-03-01", 100, odometer: true), R("2025-07-01", 3700)], D("2025-07-01"));
        Trusted(v, Pace).Select(r => r.Km).ShouldBe([100, 3700]);
        var f = Of(v, Plan, Pace)!;
        f.KmPerDay.ShouldBe(Math.Round(3600m / 122, 1));
        (f.DueKm, f.LastKm).ShouldBe((8700, 3700));
    }

    [Fact]
    public void One_visit_only_gives_the_default_pace_from_that_reading_and_a_long_gap_counts_as_its_average()
    {
        // Bought elsewhere (no 0 km at delivery): one reading is not a pace.
        var once = Of(new Vehicle(D("2023-01-01"), false, [R("2026-03-01", 41000)], D("2026-03-01")), Plan, Pace)!;
        (once.Pace, once.KmPerDay, once.DueKm).ShouldBe((PaceSource.Default, 40m, 46000));
        once.DueOn.ShouldBe(D("2026-03-01").AddDays(125));
        // Three years between the first two readings: the window (730 days) leaves the old one out, the two recent ones give the pace.
        var gap = new Vehicle(null, false, [R("2022-01-01", 10000), R("2025-01-01", 40000), R("2025-03-02", 41200)], D("2025-03-02"));
        Pace(Trusted(gap, Pace), Pace).ShouldBe((20m, PaceSource.History, R("2025-03-02", 41200)));
    }

    [Fact]
    public void Readings_closer_than_the_minimum_days_are_not_a_pace_and_a_vehicle_with_nothing_to_count_from_has_no_forecast()
    {
        var close = new Vehicle(D("2026-01-01"), false, [R("2026-02-01", 1000), R("2026-02-10", 2000)], null);
        Of(close, Plan, Pace)!.Pace.ShouldBe(PaceSource.Default);
        Of(new Vehicle(null, false, [R("2026-02-01", 1000)], null), Plan, Pace).ShouldBeNull();
    }

    [Fact]
    public void A_maintenance_without_mileage_takes_the_mileage_the_pace_gives_that_day()
    {
        var v = new Vehicle(D("2025-01-01"), true, [R("2025-05-01", 6000)], D("2025-07-01"));
        var f = Of(v, Plan, Pace)!;
        // 6,000 km over 120 days is 50 km a day; 61 days later is 9,050 km, plus the 5,000 of the interval.
        f.DueKm.ShouldBe(6000 + 50 * 61 + 5000);
    }
}
