using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Cases;
using Dcrc.Tests.Features.Callbacks;
using Dcrc.Tests.Features.Calls;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dcrc.Tests.Features.Home.HomeTests;

namespace Dcrc.Tests.Features.Home;

/// <summary>Every figure of a home is the figure of the page behind it, and moves with the data.</summary>
public abstract class HomeFiguresTests(DcrcApp app)
{
    private static readonly string[] Counts = ["count-due", "count-overdue", "count-rescheduled", "count-sms"];

    [Theory]
    [InlineData("th.callback")]
    [InlineData("ns.callback")]
    public async Task The_specialists_counts_are_the_queues(string user)
    {
        var client = await app.BrowserAs(user);
        var home = await client.GetStringAsync("/");
        var queue = await client.GetStringAsync("/Callbacks");
        foreach (var id in Counts) Number(home, id).ShouldBe(Number(queue, id), id);
    }

    [Fact]
    public async Task A_new_due_task_becomes_the_next_and_Enter_opens_it()
    {
        var me = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var client = await app.BrowserAs(me.UserName!);
        var today = CallbackData.StoreToday(app);
        var due = await TaskAsync(me.Id, today, today.AddDays(2));
        var html = await client.GetStringAsync("/");
        NextOf(html).ShouldBe(due);
        html.ShouldContain($"href=\"/Callbacks/{due}\" id=\"start-next\" autofocus");
        // An older window of the user's own comes before it; the counts stay the queue's.
        var overdue = await TaskAsync(me.Id, today.AddDays(-3), today.AddDays(-1));
        html = await client.GetStringAsync("/");
        NextOf(html).ShouldBe(overdue);
        var queue = await client.GetStringAsync("/Callbacks");
        foreach (var id in Counts) Number(html, id).ShouldBe(Number(queue, id), id);
        // Not yet due: not the next.
        await TaskAsync(me.Id, today.AddDays(-10), today.AddDays(5), dueOn: today.AddDays(1));
        NextOf(await client.GetStringAsync("/")).ShouldBe(overdue);
    }

    [Fact]
    public async Task Starting_a_pool_task_takes_it_and_a_colleague_cannot_start_it_then()
    {
        var me = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var client = await app.BrowserAs(me.UserName!);
        var today = CallbackData.StoreToday(app);
        var pool = await TaskAsync(null, today, today);
        var started = await DcrcApp.PostFormAsync(client, $"/?handler=Start&id={pool}", new(), formPage: "/");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        started.Headers.Location!.OriginalString.ShouldBe($"/Callbacks/{pool}");
        (await CallData.TaskAsync(app, pool)).AssignedTo.ShouldBe(me.Id);
        var colleague = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var other = await app.BrowserAs(colleague.UserName!);
        (await DcrcApp.PostFormAsync(other, $"/?handler=Start&id={pool}", new(), formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_missed_call_on_the_specialists_line_is_among_the_calls_to_return()
    {
        var me = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var line = CallData.NewLine();
        await CallData.LineAsync(app, line, me.UserName!);
        var client = await app.BrowserAs(me.UserName!);
        var before = Number(await client.GetStringAsync("/"), "figure-missed");
        var pushed = await CallData.PushAsync(app, "/api/v1/calls/incoming", new { number = TestData.NewMobile(), line, missed = true });
        pushed.EnsureSuccessStatusCode();
        var taskId = (await pushed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("callbackTaskId").GetInt64();
        var task = await CallData.TaskAsync(app, taskId);
        task.AssignedTo.ShouldBe(me.Id);
        var html = await client.GetStringAsync("/");
        // Due within the missed-call hours of working time: today, or the next working day after hours.
        var dueNow = task.DueOn <= CallbackData.StoreToday(app);
        Number(html, "figure-missed").ShouldBe(before + (dueNow ? 1 : 0));
        html.Contains($"data-task=\"{taskId}\"").ShouldBe(dueNow);
        html.ShouldContain("id=\"maintenance-missing\"");
    }

    [Theory]
    [InlineData("th.crm")]
    [InlineData("th.gm")]
    [InlineData("group.gm")]
    public async Task The_dashboards_callback_figures_are_the_reports_for_the_last_30_days(string user)
    {
        // A survey completed and scored, so the rates have something to count.
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: "满意客户");
        var callback = await app.ApiAs("th.callback");
        var survey = (await CallbackData.TaskAsync(callback, customer, "salesSurvey")).GetProperty("id").GetInt64();
        (await CallbackData.PostVersionedAsync(callback, $"/api/v1/callbacks/tasks/{survey}", "outcome",
            new { outcome = "success", answers = await CallbackData.AnswersAsync(callback, "sales", 9) })).EnsureSuccessStatusCode();

        var client = await app.BrowserAs(user);
        var home = await client.GetStringAsync("/");
        var today = CallbackData.StoreToday(app);
        var link = Href(home, "link-success");
        link.ShouldBe($"/Callbacks/Reports?from={today.AddDays(-(Dcrc.Features.Callbacks.Reports.ReportFilters.DefaultDays - 1)):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var report = await client.GetStringAsync(link);
        foreach (var id in new[] { "figure-success", "figure-completely" }) Figure(home, id).ShouldBe(Figure(report, id), id);
        Figure(home, "figure-success").ShouldNotBe("—");
        // The bands' line of the overview (完全满意 n · 基本满意 n · 不满意 n) is the same.
        report.ShouldContain(Figure(home, "figure-bands"));
        (await client.GetAsync(Href(home, "link-sales"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The leads' figures are the counts of the lists they link to.
        foreach (var id in new[] { "open-leads", "late-leads", "pool-leads" })
            Number(home, "figure-" + id).ShouldBe(int.Parse(Regex.Match(await client.GetStringAsync(Href(home, "link-" + id)), @"id=""pager-summary"">共 (\d+) 条").Groups[1].Value), id);
    }

    [Fact]
    public async Task The_dashboards_complaint_figures_are_the_case_lists_and_the_statistics()
    {
        var client = await app.BrowserAs("th.crm");
        var before = await client.GetStringAsync("/");
        await SameAsTheirPagesAsync(client, before);

        // A new case past its dispatch limit: open, overdue, this month's and breached, all one more.
        var crm = await app.ApiAs("th.crm");
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(crm, "投诉客户");
        var reception = await app.ApiAs("th.reception");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "等待太久" }))
            .GetProperty("id").GetInt64();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = id, Limit = ComplaintLimit.Dispatch, Kind = Dcrc.Kernel.Deadlines.LimitEventKind.Breached, At = app.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });
        var after = await client.GetStringAsync("/");
        foreach (var figure in new[] { "figure-open", "figure-overdue", "figure-month-cases", "figure-month-breached" })
            Number(after, figure).ShouldBe(Number(before, figure) + 1, figure);
        await SameAsTheirPagesAsync(client, after);
    }

    private static async Task SameAsTheirPagesAsync(HttpClient client, string home)
    {
        var list = await client.GetStringAsync(Href(home, "link-open"));
        Number(home, "figure-open").ShouldBe(int.Parse(Regex.Match(list, @"id=""pager-summary"">共 (\d+) 条").Groups[1].Value));
        Number(home, "figure-overdue").ShouldBeLessThanOrEqualTo(Number(home, "figure-open"));
        var statistics = await client.GetStringAsync(Href(home, "link-month"));
        Number(home, "figure-month-cases").ShouldBe(int.Parse(Total(statistics, "Complaints.Stats.Cases")));
        Number(home, "figure-month-breached").ShouldBe(int.Parse(Total(statistics, "Complaints.Stats.Breached").Split('（')[0]));
    }

    [Fact]
    public async Task Staff_see_their_due_contacts_and_the_cases_dispatched_to_them()
    {
        var sales = await app.BrowserAs("th.sales");
        var home = await sales.GetStringAsync("/");
        var due = await sales.GetStringAsync(Href(home, "link-due-calls"));
        Number(home, "figure-due-calls").ShouldBe(int.Parse(Regex.Match(due, @"id=""pager-summary"">共 (\d+) 条").Groups[1].Value));
        // The consultant's leads due today and overdue: the list of the day page.
        Href(home, "my-leads").ShouldBe("/Leads/Day");
        var day = await sales.GetStringAsync("/Leads/Day");
        Number(home, "figure-lead-due").ShouldBe(Math.Min(200, Regex.Matches(day.Split("id=\"consultant-days\"")[0], @"<tr data-lead=").Count));

        // A case dispatched to the advisor is on the advisor's home, and on their service manager's.
        var crm = await app.ApiAs("th.crm");
        var (customer, _, _) = await TestData.CustomerWithVehicleAsync(crm, "派单客户");
        var reception = await app.ApiAs("th.reception");
        var staff = new[] { "th.advisor", "th.servicemgr" };
        var before = new Dictionary<string, int>();
        foreach (var user in staff) before[user] = Number(await (await app.BrowserAs(user)).GetStringAsync("/"), "figure-cases");
        var id = (await TestData.PostCreatedAsync(reception, "/api/v1/complaints", new { customerId = customer, channel = "phone", category = "serviceQuality", description = "保养后异响", emergency = true }))
            .GetProperty("id").GetInt64();
        (await Complaints.ComplaintData.PostStepAsync(reception, id, "judgeValid")).EnsureSuccessStatusCode();
        var service = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SERVICE").Select(d => d.Id).SingleAsync());
        (await Complaints.ComplaintData.PostStepAsync(reception, id, "dispatch", new { departmentId = service, responsibleUserId = await CallbackData.UserIdAsync(app, "th.advisor") })).EnsureSuccessStatusCode();
        foreach (var user in staff)
        {
            var client = await app.BrowserAs(user);
            var page = await client.GetStringAsync("/");
            Number(page, "figure-cases").ShouldBe(before[user] + 1, user);
            var list = await client.GetStringAsync(Href(page, "link-cases"));
            Number(page, "figure-cases").ShouldBe(int.Parse(Regex.Match(list, @"id=""pager-summary"">共 (\d+) 条").Groups[1].Value), user);
        }
        (await (await app.BrowserAs("th.sales")).GetStringAsync("/")).ShouldNotContain($"data-case=\"{id}\"");
    }

    private static string Total(string html, string key) => Regex.Match(html, $"data-total=\"{Regex.Escape(key)}\">([^<]*)<").Groups[1].Value.Trim();

    private static long? NextOf(string html) =>
        Regex.Match(html, "id=\"next-task\" data-task=\"(\\d*)\"") is { Success: true } m && m.Groups[1].Value.Length > 0 ? long.Parse(m.Groups[1].Value) : null;

    /// <summary>A task of a TH customer, held by <paramref name="assignedTo"/> (null: the pool), with its window.</summary>
    private Task<long> TaskAsync(string? assignedTo, DateOnly from, DateOnly by, DateOnly? dueOn = null) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DcrcDb>();
        var store = await db.Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync();
        var customer = await db.Customers.Where(c => c.StoreId == store).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var task = new CallbackTask
        {
            StoreId = store, Kind = CallbackKind.LostCustomer, SourceId = Random.Shared.NextInt64(1_000_000_000, 1_000_000_000_000), EventDate = from,
            CustomerId = customer, DueOn = dueOn ?? from, DueBy = by, Status = CallbackStatus.Open, AssignedTo = assignedTo, CreatedAt = DateTime.UtcNow,
        };
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    });
}

[Collection(SqliteCollection.Name)] public class HomeFiguresTests_Sqlite(SqliteApp app) : HomeFiguresTests(app);
[Collection(PostgresCollection.Name)] public class HomeFiguresTests_Postgres(PostgresApp app) : HomeFiguresTests(app);
