using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Infrastructure.TestData;

namespace Dcrc.Tests.Features.Customers.Records;

public abstract class RecordsApiTests(DcrcApp app)
{
    private string Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd");
    private string DaysAgo(int days) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-days).ToString("yyyy-MM-dd");
    private static string Number(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_interaction_is_recorded_listed_and_refused_without_its_summary()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicle, _) = await CustomerWithVehicleAsync(client);
        (await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{id}/interactions", new { channel = "call" })))
            .GetProperty("errors").GetProperty("summary")[0].GetString().ShouldBe("请填写沟通内容。");
        (await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{id}/interactions", new { channel = 9, summary = "x" })))
            .GetProperty("errors").TryGetProperty("channel", out _).ShouldBeTrue(); // a number that names no channel
        await PostCreatedAsync(client, $"/api/v1/customers/{id}/interactions", new { channel = "call", summary = "首保提醒，客户下周二来店", outcome = "已预约", vehicleId = vehicle });
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/interactions");
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("channel").GetString().ShouldBe("call");
        list[0].GetProperty("by").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_repair_order_needs_its_type_and_vehicle_and_a_number_is_used_once()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicle, _) = await CustomerWithVehicleAsync(client);
        var number = Number("RO");
        var errors = (await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{id}/transactions", new { kind = "repairOrder", number, date = Today })))
            .GetProperty("errors");
        errors.TryGetProperty("repairType", out _).ShouldBeTrue();
        errors.TryGetProperty("vehicleId", out _).ShouldBeTrue();
        (await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{id}/transactions",
            new { kind = "repairOrder", repairType = "repair", number, date = "2099-01-01", vehicleId = vehicle }))).GetProperty("errors").TryGetProperty("date", out _).ShouldBeTrue();
        await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions", new { kind = "repairOrder", repairType = "repair", number, date = Today, vehicleId = vehicle });
        (await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/customers/{id}/transactions",
            new { kind = "repairOrder", repairType = "repair", number, date = Today, vehicleId = vehicle }))).GetProperty("errors").TryGetProperty("number", out _).ShouldBeTrue();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/transactions")).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_first_maintenance_moves_a_buyer_to_the_C_card_and_the_card_counts_visits_from_repair_orders()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicle, _) = await CustomerWithVehicleAsync(client);
        var sale = await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions",
            new { kind = "sale", number = Number("HT"), date = DaysAgo(200), amount = 129800, vehicleId = vehicle, staffName = "唐杰" });
        sale.GetProperty("documentsDueOn").GetString().ShouldBe(DaysAgo(195)); // sales hand over within 5 days
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/card")).GetProperty("card").GetString().ShouldBe("a");

        await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions",
            new { kind = "repairOrder", repairType = "repair", number = Number("RO"), date = DaysAgo(100), mileage = 4_000, vehicleId = vehicle });
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/card")).GetProperty("card").GetString().ShouldBe("a"); // a repair is not the first maintenance
        var maintenance = await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions",
            new { kind = "repairOrder", repairType = "maintenance", number = Number("RO"), date = DaysAgo(10), mileage = 5_100, vehicleId = vehicle, amount = 680.5 });
        maintenance.GetProperty("documentsDueOn").GetString().ShouldBe(DaysAgo(7)); // service within 3 days

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/card");
        card.GetProperty("card").GetString().ShouldBe("c");
        var figures = card.GetProperty("figures");
        figures.GetProperty("firstMaintenanceHere").GetBoolean().ShouldBeTrue();
        figures.GetProperty("firstVisit").GetString().ShouldBe(DaysAgo(100));
        figures.GetProperty("secondVisit").GetString().ShouldBe(DaysAgo(10));
        figures.GetProperty("visitsIn6Months").GetInt32().ShouldBe(2);
        figures.GetProperty("mileage").GetInt32().ShouldBe(5_100);
        figures.GetProperty("nextMaintenanceMileage").GetInt32().ShouldBe(10_100);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history");
        history.EnumerateArray().Any(h => h.GetProperty("field").GetString() == "card" && h.GetProperty("newValue").GetString() == "C").ShouldBeTrue();
    }

    private static MultipartFormDataContent Upload(byte[] content, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    [Fact]
    public async Task Documents_are_checked_by_content_counted_hashed_listed_in_archival_order_and_served_only_to_who_may_see_the_customer()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicle, _) = await CustomerWithVehicleAsync(client);
        var fake = await client.PostAsync($"/api/v1/customers/{id}/documents", Upload("MZ not a pdf"u8.ToArray(), "contract.pdf", ("type", "salesContract")));
        (await ProblemAsync(fake)).GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("文件只能是 PDF、JPEG 或 PNG 文件。");

        var pdf = DocumentStoreTests.Pdf(3);
        var attachment = await client.PostAsync($"/api/v1/customers/{id}/documents", Upload(pdf, "合同附件.pdf", ("type", "salesContract"), ("form", "attachment"), ("vehicleId", vehicle.ToString())));
        attachment.StatusCode.ShouldBe(HttpStatusCode.Created, await attachment.Content.ReadAsStringAsync());
        var original = await (await client.PostAsync($"/api/v1/customers/{id}/documents",
            Upload(DocumentStoreTests.Pdf(2), "合同.pdf", ("type", "salesContract"), ("form", "original"), ("vehicleId", vehicle.ToString())))).Content.ReadFromJsonAsync<JsonElement>();
        original.GetProperty("pages").GetInt32().ShouldBe(2);
        original.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(DocumentStoreTests.Pdf(2))));
        await client.PostAsync($"/api/v1/customers/{id}/documents", Upload(pdf, "身份证.pdf", ("type", "idCopy"), ("pages", "1")));

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/documents");
        list.EnumerateArray().Select(d => d.GetProperty("type").GetString() + "/" + d.GetProperty("form").GetString())
            .ShouldBe(["salesContract/original", "salesContract/attachment", "idCopy/original"]);
        list[2].GetProperty("pages").GetInt32().ShouldBe(1); // typed pages win over the count

        var docId = original.GetProperty("id").GetInt64();
        (await client.GetByteArrayAsync($"/api/v1/documents/{docId}/content")).ShouldBe(DocumentStoreTests.Pdf(2));
        var consultant = await app.ApiAs("th.sales");
        (await consultant.GetAsync($"/api/v1/documents/{docId}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await consultant.GetAsync($"/api/v1/customers/{id}/documents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_vehicle_timeline_shows_its_sale_repair_orders_interactions_and_documents_newest_first()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicle, vin) = await CustomerWithVehicleAsync(client);
        await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions", new { kind = "sale", number = Number("HT"), date = DaysAgo(30), vehicleId = vehicle });
        await PostCreatedAsync(client, $"/api/v1/customers/{id}/transactions", new { kind = "repairOrder", repairType = "maintenance", number = Number("RO"), date = DaysAgo(5), vehicleId = vehicle });
        await PostCreatedAsync(client, $"/api/v1/customers/{id}/interactions", new { channel = "sms", summary = "保养提醒", vehicleId = vehicle });
        var other = await CustomerWithVehicleAsync(client, "王五");
        await PostCreatedAsync(client, $"/api/v1/customers/{other.Customer}/interactions", new { channel = "call", summary = "别的车", vehicleId = other.Vehicle });

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin.ToLowerInvariant()}/timeline");
        var kinds = timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldBe(["interaction", "repairOrder", "sale", "purchase"]);
        (await (await app.ApiAs("th.sales")).GetAsync($"/api/v1/vehicles/{vin}/timeline")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public abstract class VehicleUpdateTests(DcrcApp app)
{
    [Fact]
    public async Task A_vehicle_update_keeps_the_VIN_records_each_field_in_the_owners_history_and_refuses_a_stale_version()
    {
        var client = await app.ApiAs("th.crm");
        var (id, vehicleId, vin) = await CustomerWithVehicleAsync(client);
        var driver = NewMobile();
        var v = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}");
        var body = new Dictionary<string, object?>
        {
            ["plateNumber"] = "粤A12345", ["model"] = "卡罗拉", ["purchaseDate"] = "2025-03-01", ["insuredHere"] = true, ["insuranceDate"] = "2025-03-02",
            ["insuranceExpiry"] = "2026-03-01", ["driverName"] = "王小明", ["driverMobile"] = driver, ["version"] = v.GetProperty("version").GetInt32(),
        };
        var saved = await client.PutAsJsonAsync($"/api/v1/vehicles/{vin}", body);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var after = await saved.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("plateNumber").GetString().ShouldBe("粤A12345");
        after.GetProperty("driverMobile").GetString().ShouldBe(driver[..3] + "****" + driver[7..]);

        (await client.PutAsJsonAsync($"/api/v1/vehicles/{vin}", body)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // the version read is gone
        body["version"] = after.GetProperty("version").GetInt32();
        body["driverMobile"] = after.GetProperty("driverMobile").GetString(); // masked = unchanged
        body["insuranceExpiry"] = "2025-01-01";
        (await client.PutAsJsonAsync($"/api/v1/vehicles/{vin}", body)).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // expires before it starts
        body["insuranceExpiry"] = "2026-03-01";
        body["plateNumber"] = "粤AD12345";
        (await client.PutAsJsonAsync($"/api/v1/vehicles/{vin}", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}")).GetProperty("driverMobile").GetString().ShouldBe(driver[..3] + "****" + driver[7..]);
        var plates = await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history?field=vehicle.plateNumber");
        plates.EnumerateArray().Select(h => h.GetProperty("newValue").GetString()).ShouldBe(["粤AD12345", "粤A12345"]);
        (await (await app.ApiAs("th.sales")).PutAsJsonAsync($"/api/v1/vehicles/{vin}", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_vehicle_edit_page_saves_the_plate_and_keeps_the_consultant()
    {
        var api = await app.ApiAs("th.crm");
        var (_, _, vin) = await CustomerWithVehicleAsync(api);
        var consultant = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.UserName == "th.sales").Select(u => u.Id).SingleAsync());
        var browser = await app.BrowserAs("th.crm");
        var saved = await DcrcApp.PostFormAsync(browser, $"/Vehicles/{vin}/Edit", new()
        {
            ["Input.PlateNumber"] = "粤A88888", ["Input.Model"] = "卡罗拉", ["Input.BoughtHere"] = "true", ["Input.InsuredHere"] = "false",
            ["Input.SalesConsultantId"] = consultant, ["Input.Version"] = "0",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var v = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}");
        v.GetProperty("plateNumber").GetString().ShouldBe("粤A88888");
        v.GetProperty("salesConsultantId").GetString().ShouldBe(consultant);
        (await browser.GetStringAsync($"/Vehicles/{vin}/Edit")).ShouldContain($"value=\"{consultant}\" selected");

        // A refused save shows the form again with the driver's mobile still masked.
        var driver = NewMobile();
        await api.PutAsJsonAsync($"/api/v1/vehicles/{vin}", new { plateNumber = "粤A88888", driverMobile = driver, salesConsultantId = consultant,
            version = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}")).GetProperty("version").GetInt32() });
        var refused = await DcrcApp.PostFormAsync(browser, $"/Vehicles/{vin}/Edit", new()
        {
            ["Input.PlateNumber"] = "粤A88888", ["Input.DriverMobile"] = driver[..3] + "****" + driver[7..], ["Input.InsuranceDate"] = "2026-03-01",
            ["Input.InsuranceExpiry"] = "2025-03-01", ["Input.Version"] = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}")).GetProperty("version").GetInt32().ToString(),
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain(driver);
    }

    [Fact]
    public async Task Key_and_audio_codes_are_stored_encrypted_never_shown_back_and_revealed_only_with_permission()
    {
        var client = await app.ApiAs("th.crm");
        var (id, _, vin) = await CustomerWithVehicleAsync(client);
        var v = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vehicles/{vin}");
        var saved = await client.PutAsJsonAsync($"/api/v1/vehicles/{vin}", new { keyCode = "K-778899", audioCode = "4321", version = v.GetProperty("version").GetInt32() });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).ShouldNotContain("778899");
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Vehicles.IgnoreQueryFilters().Where(x => x.Vin == vin).Select(x => x.KeyCodeEncrypted).SingleAsync());
        stored.ShouldNotBeNull();
        stored.ShouldNotContain("778899");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/history?field=vehicle.keyCode"))[0].GetProperty("newValue").GetString().ShouldBe("***");

        (await (await app.ApiAs("th.callback")).PostAsync($"/api/v1/vehicles/{vin}/codes", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var codes = await (await client.PostAsync($"/api/v1/vehicles/{vin}/codes", null)).Content.ReadFromJsonAsync<JsonElement>();
        codes.GetProperty("keyCode").GetString().ShouldBe("K-778899");
        codes.GetProperty("audioCode").GetString().ShouldBe("4321");
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AnyAsync(e => e.Action == "vehicles.codes" && e.Summary.Contains(vin)));
        audited.ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)] public class VehicleUpdateTests_Sqlite(SqliteApp app) : VehicleUpdateTests(app);
[Collection(PostgresCollection.Name)] public class VehicleUpdateTests_Postgres(PostgresApp app) : VehicleUpdateTests(app);

[Collection(SqliteCollection.Name)] public class RecordsApiTests_Sqlite(SqliteApp app) : RecordsApiTests(app);
[Collection(PostgresCollection.Name)] public class RecordsApiTests_Postgres(PostgresApp app) : RecordsApiTests(app);
