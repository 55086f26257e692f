using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Cases;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadVisitTests(DcrcApp app)
{
    private Task<T> DbAsync<T>(Func<DcrcDb, Task<T>> read) => app.WithScopeAsync(sp => read(sp.GetRequiredService<DcrcDb>()));

    [Fact]
    public async Task A_visit_makes_a_walk_in_lead_a_visit_callback_due_within_48_hours_of_leaving_in_the_DCRC_queue_and_a_thank_you_SMS()
    {
        var reception = await app.ApiAs("th.reception");
        var mobile = TestData.NewMobile();
        var now = app.Clock.GetUtcNow();
        var sales = await Callbacks.CallbackData.UserIdAsync(app, "th.sales");
        var response = await reception.PostAsJsonAsync("/api/v1/leads/visits", new { mobile, name = "来店周先生", partySize = 3, model = "锐际", testDrive = true,
            consultantUserId = sales, arrivedAt = now.AddHours(-1), leftAt = now.AddMinutes(-5) });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var visit = await response.Content.ReadFromJsonAsync<JsonElement>();
        var leadId = visit.GetProperty("leadId").GetInt64();
        var taskId = visit.GetProperty("callbackTaskId").GetInt64();

        var lead = await DbAsync(db => db.Leads.SingleAsync(x => x.Id == leadId));
        (lead.Source, lead.ConsultantUserId, lead.VisitedAt is not null, lead.TestDriveAt is not null).ShouldBe((Dcrc.Features.Leads.LeadSource.Walkin, sales, true, true));
        var task = await DbAsync(db => db.CallbackTasks.SingleAsync(t => t.Id == taskId));
        task.Kind.ShouldBe(CallbackKind.ShowroomVisit);
        task.CustomerId.ShouldBe(0);
        task.AssignedTo.ShouldBeNull(); // the specialists' pool
        var leftLocal = now.AddMinutes(-5).ToOffset(TimeSpan.FromHours(8));
        task.DueBy.ShouldBe(DateOnly.FromDateTime(leftLocal.AddHours(48).DateTime));
        var sms = await DbAsync(db => db.SmsMessages.SingleAsync(m => m.Id == visit.GetProperty("smsMessageId").GetInt64()));
        sms.Body.ShouldContain("来店周先生");
        sms.Body.ShouldContain("广州天河店");

        // The DCRC's specialist finds it in the queue and sees who came, masked.
        var specialist = await app.ApiAs("th.callback");
        var queue = await specialist.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/tasks?view=upcoming&kind=showroomVisit&pageSize=200");
        var due = await specialist.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/tasks?view=due&kind=showroomVisit&pageSize=200");
        queue.GetProperty("items").EnumerateArray().Concat(due.GetProperty("items").EnumerateArray()).ShouldContain(t => t.GetProperty("id").GetInt64() == taskId);
        // The queue names the visitor, though not in the archive.
        var row = System.Text.RegularExpressions.Regex.Match(await (await app.BrowserAs("th.callback")).GetStringAsync("/Callbacks?view=Due"), $@"<a href=""/Callbacks/{taskId}"">([^<]*)</a>");
        row.Groups[1].Value.ShouldBe("来店周先生");
        var page = await (await app.BrowserAs("th.callback")).GetStringAsync($"/Callbacks/{taskId}");
        page.ShouldContain("来店周先生");
        page.ShouldContain(mobile[..3] + "****" + mobile[7..]);
        page.ShouldNotContain(mobile);
        // Click-to-dial calls the visitor on the number given at the showroom: in full to the telephony system only.
        var dial = await specialist.PostAsJsonAsync("/api/v1/calls/dial", new { callbackTaskId = taskId });
        dial.StatusCode.ShouldBe(HttpStatusCode.Created, await dial.Content.ReadAsStringAsync());
        (await dial.Content.ReadAsStringAsync()).ShouldNotContain(mobile);
        app.Services.GetRequiredService<Dcrc.Features.Calls.LocalTelephony>().Placed.ShouldContain(r => r.Number == mobile);

        // A successful call answers the intent survey (a questionnaire like the satisfaction surveys); without it, refused.
        var taskUrl = $"/api/v1/callbacks/tasks/{taskId}";
        (await Callbacks.CallbackData.PostVersionedAsync(specialist, taskUrl, "outcome", new { outcome = "success" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var answers = await Callbacks.CallbackData.AnswersAsync(specialist, "intent", 9);
        var done = await Callbacks.CallbackData.PostVersionedAsync(specialist, taskUrl, "outcome", new { outcome = "success", answers });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await DbAsync(db => db.CallbackAnswers.CountAsync(a => a.TaskId == taskId))).ShouldBe(answers.Count);

        // Back a day later: the same open lead gets the second visit.
        var again = await reception.PostAsJsonAsync("/api/v1/leads/visits", new { mobile, partySize = 1 });
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetInt64().ShouldBe(leadId);
        (await DbAsync(db => db.LeadVisits.CountAsync(v => v.LeadId == leadId))).ShouldBe(2);
    }

    private Task<(int, int, int, int)> CountsAsync() =>
        DbAsync(async db => (await db.Leads.CountAsync(), await db.LeadVisits.CountAsync(), await db.CallbackTasks.CountAsync(), await db.SmsMessages.CountAsync()));

    [Fact]
    public async Task A_bad_visit_is_refused_naming_each_field_and_saves_nothing()
    {
        var reception = await app.ApiAs("th.reception");
        var before = await CountsAsync();
        var now = app.Clock.GetUtcNow();
        var bad = await reception.PostAsJsonAsync("/api/v1/leads/visits", new { mobile = "12345", partySize = 0, arrivedAt = now, leftAt = now.AddHours(-1) });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "mobile", "partySize", "leftAt" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        // A new visitor needs a name: refused with the lead's own check, and the visit, task and SMS are not kept either.
        var noName = await reception.PostAsJsonAsync("/api/v1/leads/visits", new { mobile = TestData.NewMobile(), partySize = 2 });
        noName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        var after = await CountsAsync();
        after.ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)] public class LeadVisitTests_Sqlite(SqliteApp app) : LeadVisitTests(app);
[Collection(PostgresCollection.Name)] public class LeadVisitTests_Postgres(PostgresApp app) : LeadVisitTests(app);
