using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Admin;

public abstract class CalendarTests(DcrcApp app)
{
    private async Task<int> StoreAsync(string code) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private static async Task<string> DueAsync(HttpClient client, int store, string startLocal, int minutes)
    {
        var start = Uri.EscapeDataString(startLocal + "+08:00");
        var due = await client.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/due?storeId={store}&start={start}&minutes={minutes}");
        return DateTime.Parse(due.GetProperty("dueAt").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal).AddHours(8).ToString("yyyy-MM-dd HH:mm");
    }

    [Fact]
    public async Task Holidays_and_make_up_days_move_deadlines_and_a_store_can_differ_from_the_group()
    {
        var admin = await app.ApiAs("sysadmin");
        var th = await StoreAsync("TH");
        var ns = await StoreAsync("NS");
        // Default week: Mon–Sat 08:30–12:00, 13:30–17:30; Sunday off. 2031-05-02 is a Friday.
        (await DueAsync(admin, th, "2031-05-02T17:20", 30)).ShouldBe("2031-05-03 08:50");

        var added = await admin.PostAsJsonAsync("/api/v1/calendar/days", new { date = "2031-05-03", kind = "holiday", name = "劳动节" });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        (await admin.PostAsJsonAsync("/api/v1/calendar/days", new { date = "2031-05-04", kind = "workingDay", workedAs = "monday", name = "劳动节调休" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await DueAsync(admin, th, "2031-05-02T17:20", 30)).ShouldBe("2031-05-04 08:50"); // Saturday off, Sunday worked
        (await admin.PostAsJsonAsync("/api/v1/calendar/days", new { date = "2031-05-03", kind = "holiday", name = "又一次" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Shenzhen keeps the Sunday off.
        (await admin.PostAsJsonAsync("/api/v1/calendar/days", new { date = "2031-05-04", kind = "holiday", name = "门店休息", storeId = ns })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await DueAsync(admin, ns, "2031-05-02T17:20", 30)).ShouldBe("2031-05-05 08:50");
        (await DueAsync(admin, th, "2031-05-02T17:20", 30)).ShouldBe("2031-05-04 08:50");

        var days = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/days?year=2031");
        days.GetArrayLength().ShouldBe(2);
        (await (await app.ApiAs("th.crm")).PostAsJsonAsync("/api/v1/calendar/days", new { date = "2031-06-01", kind = "holiday", name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var storeDays = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/days?year=2031&storeId={ns}");
        foreach (var d in days.EnumerateArray().Concat(storeDays.EnumerateArray()))
            (await admin.DeleteAsync($"/api/v1/calendar/days/{d.GetProperty("id").GetInt32()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DueAsync(admin, th, "2031-05-02T17:20", 30)).ShouldBe("2031-05-03 08:50");
    }

    [Fact]
    public async Task A_start_without_an_offset_is_read_in_the_stores_time_zone()
    {
        var admin = await app.ApiAs("sysadmin");
        var th = await StoreAsync("TH");
        async Task<HttpResponseMessage> Due(string start) => await admin.GetAsync($"/api/v1/calendar/due?storeId={th}&start={Uri.EscapeDataString(start)}&minutes=30");
        foreach (var start in new[] { "2031-05-02T17:20", "2031-05-02T17:20:00", "2031-05-02 17:20", "2031-05-02T09:20:00Z", "2031-05-02T17:20:00+08:00" })
        {
            var response = await Due(start);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, start);
            var due = await response.Content.ReadFromJsonAsync<JsonElement>();
            due.GetProperty("start").GetDateTime().ToUniversalTime().ShouldBe(new DateTime(2031, 5, 2, 9, 20, 0, DateTimeKind.Utc), start); // 17:20 in Guangzhou
            due.GetProperty("dueAt").GetDateTime().ToUniversalTime().ShouldBe(new DateTime(2031, 5, 3, 0, 50, 0, DateTimeKind.Utc), start);
        }
        var bad = await Due("2031-05-02T25:00");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("start", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_working_week_is_a_setting_checked_for_its_format()
    {
        var admin = await app.ApiAs("sysadmin");
        var bad = await admin.PutAsJsonAsync("/api/v1/settings/calendar.saturday", new { value = "12:00-09:00" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
        (await admin.PutAsJsonAsync("/api/v1/settings/calendar.saturday", new { value = "08:30-12:00,11:00-17:00" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var th = await StoreAsync("TH");
        (await admin.PutAsJsonAsync($"/api/v1/settings/calendar.saturday?storeId={th}", new { value = "-" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        try
        {
            (await DueAsync(admin, th, "2031-05-02T17:20", 30)).ShouldBe("2031-05-05 08:50"); // Saturday closed at TH: Monday
        }
        finally
        {
            await TestData.ClearSettingAsync(admin, "calendar.saturday", th);
        }
    }
}

[Collection(SqliteCollection.Name)] public class CalendarTests_Sqlite(SqliteApp app) : CalendarTests(app);
[Collection(PostgresCollection.Name)] public class CalendarTests_Postgres(PostgresApp app) : CalendarTests(app);
