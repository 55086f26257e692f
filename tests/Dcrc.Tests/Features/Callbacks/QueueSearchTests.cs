using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Callbacks;

/// <summary>The queue's search box (name, pinyin, plate, mobile tail) and "save and next".</summary>
public abstract class QueueSearchTests(DcrcApp app)
{
    /// <summary>A new customer's sales survey, due today, held by <paramref name="holder"/> (null: the pool), with its plate and mobile.</summary>
    private async Task<(long Task, string Name, string Plate, string Mobile)> DueSurveyAsync(string? holder = "th.callback", CustomerClass? @class = null)
    {
        var name = "查" + TestData.NewMobile()[^3..].Select(d => "零一二三四五六七八九"[d - '0']).Aggregate("", (a, c) => a + c) + "访";
        var (customer, _) = await CallbackData.DeliveryAsync(app, name: name);
        var crm = await app.ApiAs("th.crm");
        var task = (await CallbackData.TaskAsync(crm, customer, "salesSurvey")).GetProperty("id").GetInt64();
        var plate = "粤A" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant().Replace('I', 'J').Replace('O', 'P');
        var holderId = holder is null ? null : await CallbackData.UserIdAsync(app, holder);
        var today = CallbackData.StoreToday(app);
        var mobile = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            await db.Vehicles.Where(v => v.CustomerId == customer).ExecuteUpdateAsync(s => s.SetProperty(v => v.PlateNumber, plate));
            if (@class is { } c) await db.Customers.Where(x => x.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(x => x.Class, c));
            await db.CallbackTasks.Where(t => t.Id == task).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueOn, today).SetProperty(t => t.DueBy, today)
                .SetProperty(t => t.AssignedTo, holderId));
            return await db.Customers.Where(x => x.Id == customer).Select(x => x.Mobile!).SingleAsync();
        });
        return (task, name, plate, mobile);
    }

    private static async Task<List<long>> FoundAsync(HttpClient client, string q)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?view=due&pageSize=200&q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
    }

    [Fact]
    public async Task The_queue_finds_a_task_by_the_customers_name_pinyin_plate_and_mobile_tail()
    {
        var (task, name, plate, mobile) = await DueSurveyAsync();
        var specialist = await app.ApiAs("th.callback");
        foreach (var q in new[] { name, Dcrc.Kernel.Pinyin.Pinyin.Full(name, true), plate, plate[2..], mobile[^4..] })
            (await FoundAsync(specialist, q)).ShouldContain(task, $"query '{q}'");
        (await FoundAsync(specialist, "查无此人名")).ShouldNotContain(task);
    }

    [Fact]
    public async Task A_name_query_does_not_find_a_class_A_customer_whose_name_the_viewer_may_not_see()
    {
        var (task, name, plate, _) = await DueSurveyAsync(@class: CustomerClass.A);
        var specialist = await app.ApiAs("th.callback");
        (await FoundAsync(specialist, name)).ShouldNotContain(task);
        (await FoundAsync(specialist, Dcrc.Kernel.Pinyin.Pinyin.Full(name, true))).ShouldNotContain(task);
        (await FoundAsync(specialist, plate)).ShouldContain(task);
        (await FoundAsync(await app.ApiAs("th.crm"), name)).ShouldContain(task); // the CR manager sees class-A names
    }

    [Fact]
    public async Task A_search_longer_than_100_characters_is_refused_naming_the_field()
    {
        var response = await (await app.ApiAs("th.callback")).GetAsync($"/api/v1/callbacks/tasks?q={new string('张', 101)}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("查找客户");
    }

    [Fact]
    public async Task The_next_task_is_an_agreed_call_back_whose_time_has_come_and_after_recording_the_page_opens_it()
    {
        var (first, _, _, _) = await DueSurveyAsync();
        var (agreed, _, _, _) = await DueSurveyAsync();
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.Where(t => t.Id == agreed)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RescheduledTo, app.Clock.GetUtcNow().UtcDateTime.AddDays(-30))));
        var specialist = await app.ApiAs("th.callback");
        (await specialist.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/next")).GetProperty("id").GetInt64().ShouldBe(agreed);
        var after = await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/next?after={agreed}");
        after.GetProperty("id").GetInt64().ShouldNotBe(agreed);

        // Recording an outcome on the screen opens the next task, not the list.
        var browser = await app.BrowserAs("th.callback");
        var version = (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{first}")).GetProperty("task").GetProperty("version").GetInt32();
        var posted = await DcrcApp.PostFormAsync(browser, $"/Callbacks/{first}", new() { ["Input.Outcome"] = "NoAnswer", ["Input.Version"] = version.ToString() });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.OriginalString.ShouldBe($"/Callbacks/{agreed}");
    }

    [Fact]
    public async Task The_queue_page_offers_the_next_task_first_and_keeps_the_search_in_its_links()
    {
        var (task, name, _, _) = await DueSurveyAsync();
        var browser = await app.BrowserAs("th.callback");
        var html = await browser.GetStringAsync($"/Callbacks?q={Uri.EscapeDataString(name)}");
        html.ShouldContain("id=\"next-task\"");
        html.ShouldContain($"data-task=\"{task}\"");
        html.ShouldContain($"q={Uri.EscapeDataString(name)}");
    }
}

[Collection(SqliteCollection.Name)] public sealed class QueueSearchTests_Sqlite(SqliteApp app) : QueueSearchTests(app);
[Collection(PostgresCollection.Name)] public sealed class QueueSearchTests_Postgres(PostgresApp app) : QueueSearchTests(app);
