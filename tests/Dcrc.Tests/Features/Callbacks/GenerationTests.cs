using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Callbacks;

public abstract class GenerationTests(DcrcApp app)
{
    private DateOnly StoreToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<string> UserIdAsync(string userName) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<List<JsonElement>> TasksAsync(HttpClient client, long customerId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customerId}&pageSize=200");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<long> AddTransactionAsync(HttpClient client, long customer, long vehicle, string kind, DateOnly date, string? staffUserId = null, string? repairTeam = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = kind, ["number"] = (kind == "sale" ? "XS" : "WX") + Guid.NewGuid().ToString("N")[..10], ["date"] = Iso(date), ["vehicleId"] = vehicle,
            ["staffUserId"] = staffUserId, ["repairType"] = kind == "repairOrder" ? "repair" : null, ["repairTeam"] = repairTeam,
        };
        return (await TestData.PostCreatedAsync(client, $"/api/v1/customers/{customer}/transactions", body)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_delivery_and_a_repair_order_through_the_api_make_their_tasks_on_business_days_of_a_calendar_with_holidays_and_a_make_up_day()
    {
        var admin = await app.ApiAs("sysadmin");
        // A Friday two to three weeks back, with no calendar days of its own around it.
        var today = StoreToday();
        var friday = today.AddDays(-14);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(-1);
        var existing = new List<DateOnly>();
        foreach (var year in new[] { friday.Year, friday.AddDays(30).Year }.Distinct())
            existing.AddRange((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/days?year={year}")).EnumerateArray()
                .Select(d => DateOnly.Parse(d.GetProperty("date").GetString()!)));
        if (existing.Any(d => d >= friday.AddDays(-1) && d <= friday.AddDays(25))) friday = friday.AddDays(-7);
        existing.Any(d => d >= friday.AddDays(-1) && d <= friday.AddDays(25)).ShouldBeFalse("the test needs three quiet weeks in the calendar");

        var added = new List<int>();
        try
        {
            // Saturday and Monday are holidays; the Sunday after next is worked as a Monday (调休).
            added.Add((await TestData.PostCreatedAsync(admin, "/api/v1/calendar/days", new { date = Iso(friday.AddDays(1)), kind = "holiday", name = "测试假日" })).GetProperty("id").GetInt32());
            added.Add((await TestData.PostCreatedAsync(admin, "/api/v1/calendar/days", new { date = Iso(friday.AddDays(3)), kind = "holiday", name = "测试假日" })).GetProperty("id").GetInt32());
            added.Add((await TestData.PostCreatedAsync(admin, "/api/v1/calendar/days", new { date = Iso(friday.AddDays(9)), kind = "workingDay", workedAs = "monday", name = "测试调休" })).GetProperty("id").GetInt32());

            var crm = await app.ApiAs("th.crm");
            var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访甲");
            var consultant = await UserIdAsync("th.sales");
            var sale = await AddTransactionAsync(crm, customer, vehicle, "sale", friday, consultant);
            var repair = await AddTransactionAsync(crm, customer, vehicle, "repairOrder", friday, repairTeam: "维修一组");

            var tasks = await TasksAsync(crm, customer);
            tasks.Count.ShouldBe(5);
            JsonElement Of(string kind) => tasks.Single(t => t.GetProperty("kind").GetString() == kind);
            string Day(JsonElement t, string field) => t.GetProperty(field).GetString()!;

            // Day 1 = Tuesday (Sat holiday, Sun off, Mon holiday), the consultant's own call.
            var thanks = Of("deliveryThanks");
            Day(thanks, "dueOn").ShouldBe(Iso(friday.AddDays(4)));
            thanks.GetProperty("assignedTo").GetString().ShouldBe(consultant);
            thanks.GetProperty("transactionId").GetInt64().ShouldBe(sale);
            // Day 3 = Thursday.
            Day(Of("ownerConfirmation"), "dueOn").ShouldBe(Iso(friday.AddDays(6)));
            Of("ownerConfirmation").GetProperty("assignedTo").ValueKind.ShouldBe(JsonValueKind.Null);
            // Days 7–10: the make-up Sunday counts, so day 7 is the Monday after; day 10 the Thursday; day 15 the Wednesday after.
            var survey = Of("salesSurvey");
            (Day(survey, "dueOn"), Day(survey, "dueBy"), Day(survey, "expiresOn")).ShouldBe((Iso(friday.AddDays(10)), Iso(friday.AddDays(13)), Iso(friday.AddDays(19))));
            survey.GetProperty("staffName").GetString().ShouldNotBeNullOrEmpty();
            // Week 3: three weeks on, a Friday.
            Day(Of("firstMaintenanceCare"), "dueOn").ShouldBe(Iso(friday.AddDays(21)));
            // The repair order: days 3–7, expiring on day 15.
            var service = Of("serviceSurvey");
            (Day(service, "dueOn"), Day(service, "dueBy"), Day(service, "expiresOn")).ShouldBe((Iso(friday.AddDays(6)), Iso(friday.AddDays(10)), Iso(friday.AddDays(19))));
            service.GetProperty("transactionId").GetInt64().ShouldBe(repair);
            service.GetProperty("repairTeam").GetString().ShouldBe("维修一组");

            // Replaying the events — the API, the job, again — adds nothing.
            (await crm.PostAsync("/api/v1/callbacks/generate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await crm.PostAsync("/api/v1/callbacks/generate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().GenerateAsync());
            (await TasksAsync(crm, customer)).Count.ShouldBe(5);
        }
        finally
        {
            foreach (var id in added) await admin.DeleteAsync($"/api/v1/calendar/days/{id}");
        }
    }

    [Fact]
    public async Task A_survey_past_its_expiry_day_expires_and_counts_as_failed()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访乙");
        // Four weeks back: more than 15 working days, still within the 30-day look-back — expired from the start.
        await AddTransactionAsync(crm, customer, vehicle, "repairOrder", StoreToday().AddDays(-28));
        var late = (await TasksAsync(crm, customer)).Single(t => t.GetProperty("kind").GetString() == "serviceSurvey");
        late.GetProperty("status").GetString().ShouldBe("expired");
        DateOnly.Parse(late.GetProperty("expiresOn").GetString()!).ShouldBeLessThan(StoreToday());
        late.GetProperty("closedAt").ValueKind.ShouldNotBe(JsonValueKind.Null);

        // A recent one is open until its expiry day has passed.
        var (other, otherVehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访乙二");
        await AddTransactionAsync(crm, other, otherVehicle, "repairOrder", StoreToday().AddDays(-2));
        var open = (await TasksAsync(crm, other)).Single(t => t.GetProperty("kind").GetString() == "serviceSurvey");
        open.GetProperty("status").GetString().ShouldBe("open");
        var id = open.GetProperty("id").GetInt64();
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, StoreToday())));
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().ExpireAsync());
        (await TasksAsync(crm, other)).Single(t => t.GetProperty("id").GetInt64() == id).GetProperty("status").GetString().ShouldBe("open"); // its last day
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, StoreToday().AddDays(-1))));
        var generated = await (await crm.PostAsync("/api/v1/callbacks/generate", null)).Content.ReadFromJsonAsync<JsonElement>();
        generated.GetProperty("expired").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var after = (await TasksAsync(crm, other)).Single(t => t.GetProperty("id").GetInt64() == id);
        after.GetProperty("status").GetString().ShouldBe("expired");
        after.GetProperty("closedAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Events_older_than_the_look_back_make_no_tasks()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访丙");
        await AddTransactionAsync(crm, customer, vehicle, "sale", StoreToday().AddDays(-45));
        (await TasksAsync(crm, customer)).ShouldBeEmpty();
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().GenerateAsync());
        (await TasksAsync(crm, customer)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_customer_whose_last_visit_is_twelve_months_old_gets_one_lost_customer_callback()
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访丁");
        var today = StoreToday();
        var lastVisit = today.AddMonths(-12).AddDays(-5);
        await AddTransactionAsync(crm, customer, vehicle, "repairOrder", lastVisit.AddMonths(-3));
        await AddTransactionAsync(crm, customer, vehicle, "repairOrder", lastVisit);
        (await TasksAsync(crm, customer)).ShouldBeEmpty(); // too old for surveys

        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().GenerateAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().GenerateAsync());
        var lost = (await TasksAsync(crm, customer)).ShouldHaveSingleItem();
        lost.GetProperty("kind").GetString().ShouldBe("lostCustomer");
        lost.GetProperty("eventDate").GetString().ShouldBe(Iso(lastVisit));
        DateOnly.Parse(lost.GetProperty("dueOn").GetString()!).ShouldBeGreaterThanOrEqualTo(lastVisit.AddMonths(12));

        // A customer seen since is not lost.
        var (other, otherVehicle, _) = await TestData.CustomerWithVehicleAsync(crm, "回访戊");
        await AddTransactionAsync(crm, other, otherVehicle, "repairOrder", lastVisit);
        await AddTransactionAsync(crm, other, otherVehicle, "repairOrder", today.AddMonths(-2));
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().GenerateAsync());
        (await TasksAsync(crm, other)).ShouldAllBe(t => t.GetProperty("kind").GetString() != "lostCustomer");
    }
}

[Collection(SqliteCollection.Name)] public class GenerationTests_Sqlite(SqliteApp app) : GenerationTests(app);
[Collection(PostgresCollection.Name)] public class GenerationTests_Postgres(PostgresApp app) : GenerationTests(app);
