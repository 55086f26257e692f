using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Service;

public abstract class ForecastTests(DcrcApp app)
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
    private static string Number() => "RO" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>A customer with a vehicle of its own series (so a plan for it touches no other test's vehicles), delivered <paramref name="daysAgo"/> days ago.</summary>
    private async Task<(long Customer, long Vehicle, string Vin, string Series)> VehicleAsync(HttpClient client, int daysAgo)
    {
        var customer = (await PostCreatedAsync(client, "/api/v1/customers", new { type = "individual", name = "保养客户", mobile = NewMobile() })).GetProperty("id").GetInt64();
        var series = "系列" + Guid.NewGuid().ToString("N")[..6];
        var vin = NewVin();
        var vehicle = await PostCreatedAsync(client, $"/api/v1/customers/{customer}/vehicles",
            new { vin, series, model = "1.5T", purchaseDate = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), deliveryDate = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd") });
        return (customer, vehicle.GetProperty("id").GetInt64(), vin, series);
    }

    private static Task<HttpResponseMessage> RepairOrderAsync(HttpClient client, long customer, long vehicle, DateOnly date, int mileage, bool odometerChanged = false, string type = "maintenance") =>
        client.PostAsJsonAsync($"/api/v1/customers/{customer}/transactions",
            new { kind = "repairOrder", repairType = type, number = Number(), date = date.ToString("yyyy-MM-dd"), mileage, vehicleId = vehicle, odometerChanged });

    private Task RunJobAsync() => app.WithScopeAsync(async sp =>
    {
        sp.GetRequiredService<StoreScope>().AllowAll(null);
        await sp.GetServices<IScheduledJob>().Single(j => j.Name == "service.forecast").RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
    });

    [Fact]
    public async Task A_repair_order_recounts_its_vehicles_forecast_at_once_and_the_vehicle_file_shows_it()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, vin, _) = await VehicleAsync(crm, 200);
        (await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-100), 5000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var f = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}");
        // 5,000 km in the 100 days since delivery: 50 km a day; the next regular maintenance at 10,000 km, 100 days after it.
        (f.GetProperty("kind").GetString(), f.GetProperty("pace").GetString(), f.GetProperty("kmPerDay").GetDecimal(), f.GetProperty("dueKm").GetInt32())
            .ShouldBe(("regular", "history", 50m, 10000));
        f.GetProperty("dueOn").GetString().ShouldBe(Today.ToString("yyyy-MM-dd"));
        f.GetProperty("by").GetString().ShouldBe("distance");
        var page = await (await app.BrowserAs("th.crm")).GetStringAsync($"/Vehicles/{vin}");
        page.ShouldContain(Today.ToString("yyyy-MM-dd"));
        page.ShouldContain("10,000");
        // The C card's next maintenance is the same forecast.
        var card = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/card");
        card.GetProperty("figures").GetProperty("nextMaintenanceMileage").GetInt32().ShouldBe(10000);
    }

    [Fact]
    public async Task A_mileage_below_the_last_repair_orders_is_refused_naming_the_field_unless_the_odometer_was_changed()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _, _) = await VehicleAsync(crm, 300);
        (await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-200), 8000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var refused = await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-10), 700, type: "repair");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("mileage")[0].GetString()!.ShouldContain("8000");
        (await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-10), 700, odometerChanged: true, type: "repair")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var f = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}");
        (f.GetProperty("lastKm").GetInt32(), f.GetProperty("pace").GetString()).ShouldBe((700, "default"));
    }

    [Fact]
    public async Task The_service_manager_keeps_the_plans_a_plan_moves_its_series_forecasts_and_others_may_not_change_them()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _, series) = await VehicleAsync(crm, 400);
        (await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-300), 6000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}")).GetProperty("dueKm").GetInt32().ShouldBe(11000);

        var manager = await app.ApiAs("th.servicemgr");
        var body = new { series, firstKm = 3000, firstMonths = 3, intervalKm = 10000, intervalMonths = 12 };
        (await crm.PostAsJsonAsync("/api/v1/service/plans", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var plan = await PostCreatedAsync(manager, "/api/v1/service/plans", body);
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}")).GetProperty("dueKm").GetInt32().ShouldBe(16000);
        var twice = await manager.PostAsJsonAsync("/api/v1/service/plans", body);
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("model", out _).ShouldBeTrue();
        var bad = await manager.PostAsJsonAsync("/api/v1/service/plans", new { series = "", firstKm = 10, intervalMonths = 99 });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "series", "firstKm", "firstMonths", "intervalKm", "intervalMonths" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);

        var id = plan.GetProperty("id").GetInt32();
        var version = plan.GetProperty("version").GetInt32();
        (await manager.PutAsJsonAsync($"/api/v1/service/plans/{id}", body with { intervalKm = 7000 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no version
        var changed = await manager.PutAsJsonAsync($"/api/v1/service/plans/{id}", new { series, firstKm = 3000, firstMonths = 3, intervalKm = 7000, intervalMonths = 12, version });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await manager.PutAsJsonAsync($"/api/v1/service/plans/{id}", new { series, firstKm = 3000, firstMonths = 3, intervalKm = 8000, intervalMonths = 12, version }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}")).GetProperty("dueKm").GetInt32().ShouldBe(13000);
        var current = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        (await manager.DeleteAsync($"/api/v1/service/plans/{id}?version={current}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}")).GetProperty("dueKm").GetInt32().ShouldBe(11000);
    }

    [Fact]
    public async Task The_maintenance_list_shows_the_vehicles_due_in_the_window_and_a_status_set_after_the_call_is_kept_for_the_cycle()
    {
        var crm = await app.ApiAs("th.crm");
        // Due today: 5,000 km in 100 days, maintained 100 days ago at 5,000 km (see the first test).
        var (customer, vehicle, vin, _) = await VehicleAsync(crm, 200);
        (await RepairOrderAsync(crm, customer, vehicle, Today.AddDays(-100), 5000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var day = Today.ToString("yyyy-MM-dd");
        var url = $"/api/v1/service/due?from={day}&to={day}&pageSize=200";
        var line = (await crm.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Single(x => x.GetProperty("vehicleId").GetInt64() == vehicle);
        (line.GetProperty("status").GetString(), line.GetProperty("version").GetInt32(), line.GetProperty("dueKm").GetInt32()).ShouldBe(("notContacted", 0, 10000));
        line.GetProperty("mobile").GetString()!.ShouldContain("****");
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/due?from={Today.AddDays(1):yyyy-MM-dd}&to={Today.AddDays(5):yyyy-MM-dd}&pageSize=200"))
            .GetProperty("items").EnumerateArray().ShouldNotContain(x => x.GetProperty("vehicleId").GetInt64() == vehicle);

        var set = await crm.PostAsJsonAsync($"/api/v1/service/due/{vehicle}/status", new { status = "booked", note = "周六上午", version = 0 });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await crm.PostAsJsonAsync($"/api/v1/service/due/{vehicle}/status", new { status = "declined", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await crm.PostAsJsonAsync($"/api/v1/service/due/{vehicle}/status", new { status = "booked" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var booked = (await crm.GetFromJsonAsync<JsonElement>(url + "&status=booked")).GetProperty("items").EnumerateArray().Single(x => x.GetProperty("vehicleId").GetInt64() == vehicle);
        (booked.GetProperty("statusNote").GetString(), booked.GetProperty("version").GetInt32()).ShouldBe(("周六上午", 1));
        (await crm.GetFromJsonAsync<JsonElement>(url + "&status=notContacted")).GetProperty("items").EnumerateArray().ShouldNotContain(x => x.GetProperty("vehicleId").GetInt64() == vehicle);
        // The call is in the customer's archive.
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/interactions")).EnumerateArray()
            .ShouldContain(i => i.GetProperty("summary").GetString()!.Contains("已预约") && i.GetProperty("outcome").GetString() == "周六上午");
        var page = await (await app.BrowserAs("th.crm")).GetStringAsync($"/Service/Due?from={day}&to={day}");
        page.ShouldContain(vin);
        // The next maintenance starts a new cycle: not contacted again.
        (await RepairOrderAsync(crm, customer, vehicle, Today, 10100)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var next = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}");
        var nextDay = next.GetProperty("dueOn").GetString();
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/due?from={nextDay}&to={nextDay}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(x => x.GetProperty("vehicleId").GetInt64() == vehicle).GetProperty("status").GetString().ShouldBe("notContacted");
        // Marketing reads the list but does not work it.
        (await (await app.ApiAs("th.marketing")).PostAsJsonAsync($"/api/v1/service/due/{vehicle}/status", new { status = "contacted", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_nightly_job_counts_every_vehicle_and_a_second_run_changes_nothing()
    {
        var crm = await app.ApiAs("th.crm");
        var (_, vehicle, _, _) = await VehicleAsync(crm, 30);
        // Recorded without a repair order: no forecast until the job counts it (the first maintenance, from delivery).
        (await crm.GetAsync($"/api/v1/service/forecasts/{vehicle}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await RunJobAsync();
        var first = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/service/forecasts/{vehicle}");
        (first.GetProperty("kind").GetString(), first.GetProperty("dueKm").GetInt32()).ShouldBe(("first", 5000));
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().VehicleForecasts.IgnoreQueryFilters().OrderBy(x => x.VehicleId)
            .Select(x => new { x.VehicleId, x.DueOn, x.DueKm, x.KmPerDay, x.Kind }).ToListAsync());
        await RunJobAsync();
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().VehicleForecasts.IgnoreQueryFilters().OrderBy(x => x.VehicleId)
            .Select(x => new { x.VehicleId, x.DueOn, x.DueKm, x.KmPerDay, x.Kind }).ToListAsync());
        again.ShouldBe(rows);
    }
}

[Collection(SqliteCollection.Name)] public class ForecastTests_Sqlite(SqliteApp app) : ForecastTests(app);
[Collection(PostgresCollection.Name)] public class ForecastTests_Postgres(PostgresApp app) : ForecastTests(app);
