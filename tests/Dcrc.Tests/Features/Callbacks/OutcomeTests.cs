using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Callbacks;

/// <summary>Helpers shared by the callback tests: events through the API, tasks, questionnaire answers.</summary>
public static class CallbackData
{
    public static DateOnly StoreToday(DcrcApp app) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    public static Task<string> UserIdAsync(DcrcApp app, string userName) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>A new customer with a sale (and its tasks) by the given consultant, delivered <paramref name="daysAgo"/> days ago.</summary>
    public static async Task<(long Customer, long Transaction)> DeliveryAsync(DcrcApp app, string consultant = "th.sales", int daysAgo = 8, string name = "回访客户",
        string kind = "sale", string? repairTeam = null)
    {
        var crm = await app.ApiAs("th.crm");
        var (customer, vehicle, _) = await TestData.CustomerWithVehicleAsync(crm, name);
        var body = new Dictionary<string, object?>
        {
            ["kind"] = kind, ["number"] = "T" + Guid.NewGuid().ToString("N")[..12], ["date"] = StoreToday(app).AddDays(-daysAgo).ToString("yyyy-MM-dd"),
            ["vehicleId"] = vehicle, ["staffUserId"] = await UserIdAsync(app, consultant), ["repairType"] = kind == "repairOrder" ? "maintenance" : null,
            ["repairTeam"] = repairTeam,
        };
        var t = await TestData.PostCreatedAsync(crm, $"/api/v1/customers/{customer}/transactions", body);
        return (customer, t.GetProperty("id").GetInt64());
    }

    /// <summary>
    /// POSTs an outcome, reschedule or correction as a client that read the task first: the body's <c>version</c>, or the
    /// task's current one when the body names none and the client may read the task (the API refuses a change without one).
    /// </summary>
    public static async Task<HttpResponseMessage> PostVersionedAsync(HttpClient client, string taskUrl, string action, object body)
    {
        var node = JsonSerializer.SerializeToNode(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.AsObject();
        if (!node.ContainsKey("version"))
        {
            var read = await client.GetAsync(taskUrl);
            if (read.IsSuccessStatusCode) node["version"] = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("version").GetInt32();
        }
        return await client.PostAsJsonAsync($"{taskUrl}/{action}", node);
    }

    public static async Task<JsonElement> TaskAsync(HttpClient client, long customer, string kind)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customer}&kind={kind}");
        return page.GetProperty("items").EnumerateArray().Single();
    }

    /// <summary>Answers to every question of the current questionnaire: each score question gets the next of <paramref name="scores"/>.</summary>
    public static async Task<List<object>> AnswersAsync(HttpClient client, string kind, params int[] scores)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires");
        var q = list.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == kind);
        var answers = new List<object>();
        var next = 0;
        foreach (var question in q.GetProperty("questions").EnumerateArray())
        {
            var id = question.GetProperty("id").GetInt32();
            answers.Add(question.GetProperty("type").GetString() switch
            {
                "score" => new { questionId = id, score = scores[next++ % scores.Length] },
                "yesNo" => new { questionId = id, yesNo = true },
                "choice" => new { questionId = id, choice = question.GetProperty("options")[0].GetString() },
                _ => (object)new { questionId = id, text = "无" },
            });
        }
        return answers;
    }
}

public abstract class OutcomeTests(DcrcApp app)
{
    [Fact]
    public async Task A_completed_sales_survey_keeps_its_answers_and_the_lowest_score_sets_the_band()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var specialist = await app.ApiAs("th.callback");
        var task = await CallbackData.TaskAsync(specialist, customer, "salesSurvey");
        var id = task.GetProperty("id").GetInt64();
        (await specialist.PostAsync($"/api/v1/callbacks/tasks/{id}/claim", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var answers = await CallbackData.AnswersAsync(specialist, "sales", 9, 7, 10);
        var saved = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "success", answers, version = task.GetProperty("version").GetInt32() + 1 });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var done = await saved.Content.ReadFromJsonAsync<JsonElement>();
        done.GetProperty("status").GetString().ShouldBe("completed");
        done.GetProperty("score").GetInt32().ShouldBe(7);
        done.GetProperty("band").GetString().ShouldBe("basically");
        done.GetProperty("complaintId").ValueKind.ShouldBe(JsonValueKind.Null);

        var detail = await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{id}");
        detail.GetProperty("answers").GetArrayLength().ShouldBe(11);
        detail.GetProperty("answers")[0].GetProperty("score").GetInt32().ShouldBe(9);
        detail.GetProperty("attempts").EnumerateArray().Single().GetProperty("outcome").GetString().ShouldBe("success");

        // Closed: nothing more can be recorded.
        (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "noAnswer" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_survey_missing_answers_or_with_a_score_out_of_range_is_refused_naming_the_question_and_nothing_is_saved()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var specialist = await app.ApiAs("th.callback");
        var id = (await CallbackData.TaskAsync(specialist, customer, "salesSurvey")).GetProperty("id").GetInt64();
        var answers = await CallbackData.AnswersAsync(specialist, "sales", 11);
        var refused = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "success", answers = answers.Skip(1) });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("answers[1]", out _).ShouldBeTrue(); // Q1 left out
        problem.GetProperty("errors").TryGetProperty("answers[2]", out _).ShouldBeTrue(); // Q2 scored 11
        var after = await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{id}");
        after.GetProperty("task").GetProperty("status").GetString().ShouldBe("open");
        after.GetProperty("attempts").GetArrayLength().ShouldBe(0);
        after.GetProperty("answers").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_dissatisfied_score_opens_a_complaint_case_with_the_consultant_and_their_department_and_its_time_limits_running()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var specialist = await app.ApiAs("th.callback");
        var id = (await CallbackData.TaskAsync(specialist, customer, "salesSurvey")).GetProperty("id").GetInt64();
        var answers = await CallbackData.AnswersAsync(specialist, "sales", 9, 4, 9);
        var done = await (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "success", answers })).Content.ReadFromJsonAsync<JsonElement>();
        done.GetProperty("band").GetString().ShouldBe("dissatisfied");
        var complaintId = done.GetProperty("complaintId").GetInt64();
        // The grievance case (表5) is a complaint of the callback channel, already with the consultant's department.
        var g = await (await app.ApiAs("th.crm")).GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaintId}");
        var c = g.GetProperty("case");
        c.GetProperty("customerId").GetInt64().ShouldBe(customer);
        c.GetProperty("channel").GetString().ShouldBe("callback");
        c.GetProperty("state").GetString().ShouldBe("dispatched");
        c.GetProperty("description").GetString()!.ShouldContain("4");
        var sales = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Departments.Where(d => d.Code == "SALES").Select(d => d.Id).SingleAsync());
        c.GetProperty("departmentId").GetInt32().ShouldBe(sales);
        c.GetProperty("responsibleUserId").GetString().ShouldBe(await CallbackData.UserIdAsync(app, "th.sales"));
        g.GetProperty("limits").EnumerateArray().Single(x => x.GetProperty("limit").GetString() == "result").GetProperty("status").GetString().ShouldBe("running");

        // A grievance voiced with good scores opens a case too.
        var (other, _) = await CallbackData.DeliveryAsync(app);
        var otherId = (await CallbackData.TaskAsync(specialist, other, "salesSurvey")).GetProperty("id").GetInt64();
        var voiced = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{otherId}", "outcome", new
        {
            outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 10), grievance = true, grievanceCategory = "unmetExpectation", grievanceText = "交车时油箱是空的",
        });
        (await voiced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complaintId").ValueKind.ShouldBe(JsonValueKind.Number);
        // …and a grievance without its content is refused.
        var (third, _) = await CallbackData.DeliveryAsync(app);
        var thirdId = (await CallbackData.TaskAsync(specialist, third, "salesSurvey")).GetProperty("id").GetInt64();
        (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{thirdId}", "outcome", new { outcome = "success", answers = await CallbackData.AnswersAsync(specialist, "sales", 10), grievance = true }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Busy_reschedules_to_the_customers_time_wrong_numbers_go_to_the_invalid_list_and_stale_or_foreign_updates_are_refused()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var specialist = await app.ApiAs("th.callback");
        var task = await CallbackData.TaskAsync(specialist, customer, "salesSurvey");
        var id = task.GetProperty("id").GetInt64();
        (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "reschedule", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var at = app.Clock.GetUtcNow().AddHours(3);
        var moved = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "reschedule", new { rescheduleTo = at, version = task.GetProperty("version").GetInt32() });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var rescheduled = await moved.Content.ReadFromJsonAsync<JsonElement>();
        rescheduled.GetProperty("failedAttempts").GetInt32().ShouldBe(0);
        rescheduled.GetProperty("rescheduledTo").GetDateTime().ToUniversalTime().ShouldBe(at.UtcDateTime, TimeSpan.FromSeconds(1));
        var list = await specialist.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/tasks?view=rescheduled&pageSize=200");
        list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ShouldContain(id);

        // The version read before the reschedule is stale now.
        (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "noAnswer", version = task.GetProperty("version").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // Another specialist may not work a task someone holds.
        var colleague = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var other = await app.ApiAs(colleague.UserName!);
        (await CallbackData.PostVersionedAsync(other, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "noAnswer" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/v1/callbacks/tasks/{id}/claim", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var wrong = await (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "wrongNumber" })).Content.ReadFromJsonAsync<JsonElement>();
        wrong.GetProperty("status").GetString().ShouldBe("invalid");
        wrong.GetProperty("rescheduledTo").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_owner_confirmation_writes_corrections_into_the_archive_with_history_and_counts_right_first_time()
    {
        var specialist = await app.ApiAs("th.callback");
        var (wrongCustomer, _) = await CallbackData.DeliveryAsync(app, name: "错名字");
        var task = await CallbackData.TaskAsync(specialist, wrongCustomer, "ownerConfirmation");
        var mobile = TestData.NewMobile();
        var corrected = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{task.GetProperty("id").GetInt64()}", "outcome", new
        {
            outcome = "success",
            confirmation = new { dataCorrect = false, name = "对名字", mobile, mailingAddress = "广州市天河区体育西路1号", postcode = "510620", answeredBy = "对名字的家属" },
        });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var done = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        done.GetProperty("ownerDataCorrect").GetBoolean().ShouldBeFalse();
        done.GetProperty("answeredBy").GetString().ShouldBe("对名字的家属");
        var c = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().SingleAsync(x => x.Id == wrongCustomer));
        (c.Name, c.Mobile, c.Postcode).ShouldBe(("对名字", mobile, "510620"));
        var history = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().ArchiveChanges.Where(h => h.CustomerId == wrongCustomer).Select(h => h.Field).ToListAsync());
        history.ShouldContain("name");
        history.ShouldContain("mobile");
        history.ShouldContain("postcode");

        var (rightCustomer, _) = await CallbackData.DeliveryAsync(app);
        var right = await CallbackData.TaskAsync(specialist, rightCustomer, "ownerConfirmation");
        var ok = await (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{right.GetProperty("id").GetInt64()}", "outcome",
            new { outcome = "success", confirmation = new { dataCorrect = true } })).Content.ReadFromJsonAsync<JsonElement>();
        ok.GetProperty("ownerDataCorrect").GetBoolean().ShouldBeTrue();

        // A bad correction is refused by field.
        var (third, _) = await CallbackData.DeliveryAsync(app);
        var bad = await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{(await CallbackData.TaskAsync(specialist, third, "ownerConfirmation")).GetProperty("id").GetInt64()}", "outcome",
            new { outcome = "success", confirmation = new { dataCorrect = false, mobile = "12345", postcode = "51" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("confirmation.mobile", out _).ShouldBeTrue();
        errors.TryGetProperty("confirmation.postcode", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Managers_see_everyones_tasks_and_hand_them_out_specialists_only_their_own_and_the_pool()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app);
        var crm = await app.ApiAs("th.crm");
        var ids = new[] { "ownerConfirmation", "salesSurvey" }.Select(k => CallbackData.TaskAsync(crm, customer, k).Result.GetProperty("id").GetInt64()).ToList();
        var colleague = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist);
        var given = await crm.PostAsJsonAsync("/api/v1/callbacks/assign", new { taskIds = ids, userId = colleague.Id });
        given.StatusCode.ShouldBe(HttpStatusCode.OK, await given.Content.ReadAsStringAsync());
        (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assigned").GetInt32().ShouldBe(2);
        var theirs = await app.ApiAs(colleague.UserName!);
        (await theirs.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customer}")).GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("assignedTo").GetString() == colleague.Id).Select(t => t.GetProperty("id").GetInt64()).Order().ShouldBe(ids.Order());
        var specialist = await app.ApiAs("th.callback");
        (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks?customerId={customer}")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt64()).ShouldNotContain(ids[0]);
        (await specialist.PostAsJsonAsync("/api/v1/callbacks/assign", new { taskIds = ids, userId = "" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A user of another store cannot be given TH tasks.
        var nsUser = await app.CreateUserAsync(Dcrc.Kernel.Access.Roles.CallbackSpecialist, "NS");
        (await crm.PostAsJsonAsync("/api/v1/callbacks/assign", new { taskIds = ids, userId = nsUser.Id })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var counts = await theirs.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/counts");
        (counts.GetProperty("due").GetInt32() + counts.GetProperty("overdue").GetInt32()).ShouldBeGreaterThanOrEqualTo(2);
    }
}

[Collection(SqliteCollection.Name)] public class OutcomeTests_Sqlite(SqliteApp app) : OutcomeTests(app);
[Collection(PostgresCollection.Name)] public class OutcomeTests_Postgres(PostgresApp app) : OutcomeTests(app);

public abstract class SmsSurveyTests(DcrcApp app)
{
    private Task<Dcrc.Kernel.Sms.SmsMessage?> MessageOfAsync(long taskId) => app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsMessages.IgnoreQueryFilters()
        .FirstOrDefaultAsync(m => m.RelatedId == taskId && m.Reason == CallbackSmsReplies.Reason));

    private Task ReplyAsync(string mobile, string text) => app.WithScopeAsync(sp =>
    {
        // As the provider's webhook would, in the request's (default) language: the grievance it may open is written in it.
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        return sp.GetRequiredService<Dcrc.Kernel.Sms.SmsInbox>().ReceiveReplyAsync(mobile, text, app.Clock.GetUtcNow().UtcDateTime, Guid.NewGuid().ToString("N"));
    });

    private async Task<(long Task, string Mobile)> FourFailuresAsync()
    {
        var (customer, _) = await CallbackData.DeliveryAsync(app, kind: "repairOrder", daysAgo: 4);
        var specialist = await app.ApiAs("th.callback");
        var id = (await CallbackData.TaskAsync(specialist, customer, "serviceSurvey")).GetProperty("id").GetInt64();
        foreach (var outcome in new[] { "noAnswer", "switchedOff", "lineBusy" })
        {
            var r = await (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome })).Content.ReadFromJsonAsync<JsonElement>();
            r.GetProperty("status").GetString().ShouldBe("open");
        }
        (await MessageOfAsync(id)).ShouldBeNull();
        var fourth = await (await CallbackData.PostVersionedAsync(specialist, $"/api/v1/callbacks/tasks/{id}", "outcome", new { outcome = "refused" })).Content.ReadFromJsonAsync<JsonElement>();
        fourth.GetProperty("status").GetString().ShouldBe("smsSent");
        fourth.GetProperty("failedAttempts").GetInt32().ShouldBe(4);
        var mobile = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Customers.IgnoreQueryFilters().Where(c => c.Id == customer).Select(c => c.Mobile!).SingleAsync());
        return (id, mobile);
    }

    [Fact]
    public async Task Four_failed_attempts_send_the_sms_survey_once_and_a_reply_of_9_completes_the_task_with_that_score()
    {
        var (id, mobile) = await FourFailuresAsync();
        var sms = (await MessageOfAsync(id)).ShouldNotBeNull();
        sms.Mobile.ShouldBe(mobile);
        sms.Purpose.ShouldBe(Dcrc.Kernel.Sms.SmsPurpose.Survey);
        sms.Body.ShouldContain("广州天河店");
        sms.Body.ShouldContain("请回复按照1-10分打分");
        sms.Status.ShouldBe(Dcrc.Kernel.Sms.SmsStatus.Queued);

        // Sent by the outbox; the customer answers.
        await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Dcrc.Kernel.Access.StoreScope>().AllowAll(null);
            var outbox = sp.GetServices<Dcrc.Kernel.Jobs.IScheduledJob>().Single(j => j.Name == "sms.outbox");
            await outbox.RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
            await outbox.AfterCommitAsync(app.Clock.GetUtcNow().UtcDateTime, default);
        });
        (await MessageOfAsync(id))!.Status.ShouldBe(Dcrc.Kernel.Sms.SmsStatus.Sent);
        await ReplyAsync(mobile, "很好");
        var specialist = await app.ApiAs("th.callback");
        (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{id}")).GetProperty("task").GetProperty("status").GetString().ShouldBe("smsSent");
        await ReplyAsync(mobile, "9");
        var task = (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/tasks/{id}")).GetProperty("task");
        task.GetProperty("status").GetString().ShouldBe("completed");
        task.GetProperty("score").GetInt32().ShouldBe(9);
        task.GetProperty("band").GetString().ShouldBe("completely");
        (await MessageOfAsync(id))!.Reply.ShouldBe("9");
    }

    [Fact]
    public async Task A_low_sms_score_opens_a_grievance_and_an_unanswered_sms_survey_expires_as_failed()
    {
        var (id, mobile) = await FourFailuresAsync();
        await app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Dcrc.Kernel.Access.StoreScope>().AllowAll(null);
            var outbox = sp.GetServices<Dcrc.Kernel.Jobs.IScheduledJob>().Single(j => j.Name == "sms.outbox");
            await outbox.RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
            await outbox.AfterCommitAsync(app.Clock.GetUtcNow().UtcDateTime, default);
        });
        await ReplyAsync(mobile, "3");
        var task = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().SingleAsync(t => t.Id == id));
        (task.Status, task.Score, task.Band).ShouldBe((CallbackStatus.Completed, (int?)3, (SatisfactionBand?)SatisfactionBand.Dissatisfied));
        task.ComplaintId.ShouldNotBeNull();

        var (unanswered, _) = await FourFailuresAsync();
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().Where(t => t.Id == unanswered)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, CallbackData.StoreToday(app).AddDays(-1))));
        await app.WithScopeAsync(sp => sp.GetRequiredService<CallbackGeneration>().ExpireAsync());
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().CallbackTasks.IgnoreQueryFilters().SingleAsync(t => t.Id == unanswered))).Status.ShouldBe(CallbackStatus.Expired);
    }
}

[Collection(SqliteCollection.Name)] public class SmsSurveyTests_Sqlite(SqliteApp app) : SmsSurveyTests(app);
[Collection(PostgresCollection.Name)] public class SmsSurveyTests_Postgres(PostgresApp app) : SmsSurveyTests(app);
