using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Features.Leads;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Jobs;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Leads;

public abstract class LeadTests(DcrcApp app)
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, string mobile, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = "潜客" + mobile[^4..], ["mobile"] = mobile, ["intentLevel"] = "A", ["source"] = "walkin", ["series"] = "福克斯" };
        if (extra is not null) foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[p.Name] = p.Value;
        return await TestData.PostCreatedAsync(client, "/api/v1/leads", body);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text) : default);
    }

    private static int VersionOf(JsonElement detail) => detail.GetProperty("lead").GetProperty("line").GetProperty("version").GetInt32();

    private Task RunJobAsync(string name) => app.WithScopeAsync(async sp =>
    {
        sp.GetRequiredService<StoreScope>().AllowAll(null);
        await sp.GetServices<IScheduledJob>().Single(j => j.Name == name).RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
    });

    [Fact]
    public async Task A_consultant_records_a_lead_that_is_theirs_masked_and_a_second_open_lead_of_the_same_mobile_is_refused_naming_the_first()
    {
        var sales = await app.ApiAs("th.sales");
        var mobile = TestData.NewMobile();
        var created = await CreateAsync(sales, mobile);
        var line = created.GetProperty("line");
        line.GetProperty("number").GetString().ShouldStartWith("XS");
        line.GetProperty("mobile").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);
        line.GetProperty("state").GetString().ShouldBe("following");
        line.GetProperty("consultantName").GetString().ShouldNotBeNullOrEmpty();
        line.GetProperty("nextFollowUpOn").ValueKind.ShouldBe(JsonValueKind.String);

        var again = await sales.PostAsJsonAsync("/api/v1/leads", new { name = "重复", mobile, intentLevel = "B", source = "phone" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain(line.GetProperty("number").GetString()!);

        var bad = await sales.PostAsJsonAsync("/api/v1/leads", new { name = "", mobile = "123", intentLevel = "Z", source = "oemBatch" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "mobile", "intentLevel", "source" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
    }

    [Fact]
    public async Task Each_role_sees_the_leads_it_should_a_consultant_only_their_own_and_the_pool()
    {
        var reception = await app.ApiAs("th.reception");
        var sales = await app.ApiAs("th.sales");
        var other = await app.CreateUserAsync(Roles.SalesConsultant);
        var otherClient = await app.ApiAs(other.UserName!);
        var id = (await CreateAsync(reception, TestData.NewMobile(), new { consultantUserId = await Callbacks.CallbackData.UserIdAsync(app, "th.sales") }))
            .GetProperty("line").GetProperty("id").GetInt64();
        (await sales.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await otherClient.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ApiAs("th.salesmgr")).GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("th.gm")).GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("group.gm")).GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ApiAs("ns.gm")).GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another store's
        (await (await app.ApiAs("th.advisor")).GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var list = await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/leads?pageSize=200");
        list.GetProperty("items").EnumerateArray().ShouldNotContain(x => x.GetProperty("id").GetInt64() == id);
        // The list's export is the list: the consultant's own lead there (mobile masked), not in the other consultant's.
        var mine = Dcrc.Kernel.Excel.Spreadsheet.ReadXlsx(new MemoryStream(await (await app.BrowserAs("th.sales")).GetByteArrayAsync("/Leads?handler=Export&open=true")));
        var row = mine.Single(r => r.Contains(Lead.NumberOf(id)));
        row.ShouldContain(c => c.Contains("****"));
        Dcrc.Kernel.Excel.Spreadsheet.ReadXlsx(new MemoryStream(await (await app.BrowserAs(other.UserName!)).GetByteArrayAsync("/Leads?handler=Export")))
            .ShouldNotContain(r => r.Contains(Lead.NumberOf(id)));
        // Another consultant may not record on it either.
        (await otherClient.PostAsJsonAsync($"/api/v1/leads/{id}/attempts", new { result = "considering", consultantName = "x", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unreachable_is_refused_until_three_failed_calls_in_three_slots_and_then_needs_a_reason_and_closes_the_lead()
    {
        var sales = await app.ApiAs("th.sales");
        var id = (await CreateAsync(sales, TestData.NewMobile())).GetProperty("line").GetProperty("id").GetInt64();
        // Recorded yesterday: calls at 09:00, 09:30 (the same slot), 14:00 and 19:00 Shanghai time.
        var yesterday = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-1);
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-2))));
        DateTimeOffset At(int h, int m = 0) => new(yesterday.ToDateTime(new TimeOnly(h, m)), TimeSpan.FromHours(8));
        var detail = await sales.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        async Task<JsonElement> Attempt(object body, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var (status, result) = await PostAsync(sales, $"/api/v1/leads/{id}/attempts", body);
            status.ShouldBe(expected, result.ToString());
            if (expected == HttpStatusCode.OK) detail = result;
            return result;
        }
        await Attempt(new { result = "noAnswer", at = At(9), consultantName = "张顾问", version = VersionOf(detail) });
        await Attempt(new { result = "busy", at = At(9, 30), consultantName = "张顾问", version = VersionOf(detail) });
        await Attempt(new { result = "noAnswer", at = At(14), consultantName = "张顾问", version = VersionOf(detail) });
        var early = await Attempt(new { result = "unreachable", remark = "三次未接通", consultantName = "张顾问", version = VersionOf(detail) }, HttpStatusCode.BadRequest);
        early.GetProperty("errors").GetProperty("result")[0].GetString()!.ShouldContain("3");
        await Attempt(new { result = "noAnswer", at = At(19), consultantName = "张顾问", version = VersionOf(detail) });
        detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("slot").GetInt32()).ShouldBe([0, 0, 1, 2]);
        var noReason = await Attempt(new { result = "unreachable", consultantName = "张顾问", version = VersionOf(detail) }, HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("remark", out _).ShouldBeTrue();
        await Attempt(new { result = "unreachable", remark = "号码长期无人接听", version = VersionOf(detail) }, HttpStatusCode.BadRequest); // the consultant's name is required
        await Attempt(new { result = "unreachable", remark = "号码长期无人接听", consultantName = "张顾问", version = VersionOf(detail) });
        detail.GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("unreachable");
        detail.GetProperty("lead").GetProperty("line").GetProperty("nextFollowUpOn").ValueKind.ShouldBe(JsonValueKind.Null);
        // Closed: no more attempts.
        await Attempt(new { result = "considering", consultantName = "张顾问", version = VersionOf(detail) }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_consultants_claiming_one_pool_lead_at_once_one_has_it_and_the_other_is_told_it_was_taken()
    {
        var reception = await app.ApiAs("th.reception");
        var id = (await CreateAsync(reception, TestData.NewMobile())).GetProperty("line").GetProperty("id").GetInt64();
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, LeadState.Pool).SetProperty(x => x.ConsultantUserId, (string?)null).SetProperty(x => x.Version, 7)));
        var first = await app.ApiAs("th.sales");
        var second = await app.ApiAs((await app.CreateUserAsync(Roles.SalesConsultant)).UserName!);
        var pool = await second.GetFromJsonAsync<JsonElement>("/api/v1/leads/pool?pageSize=200");
        pool.GetProperty("items").EnumerateArray().ShouldContain(x => x.GetProperty("id").GetInt64() == id);
        var claims = await Task.WhenAll(first.PostAsJsonAsync($"/api/v1/leads/{id}/claim", new { version = 7 }), second.PostAsJsonAsync($"/api/v1/leads/{id}/claim", new { version = 7 }));
        string.Join(",", claims.Select(c => c.StatusCode).Order()).ShouldBe("OK,Conflict", string.Join(" ", await Task.WhenAll(claims.Select(c => c.Content.ReadAsStringAsync()))));
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().LeadEvents.CountAsync(e => e.LeadId == id && e.Kind == LeadEventKind.Claimed));
        events.ShouldBe(1);
    }

    [Fact]
    public async Task A_lead_not_followed_for_days_returns_to_the_pool_once_no_longer_late_and_its_consultant_is_told()
    {
        var sales = await app.ApiAs("th.sales");
        var id = (await CreateAsync(sales, TestData.NewMobile())).GetProperty("line").GetProperty("id").GetInt64();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.NextFollowUpOn, DateOnly.FromDateTime(now).AddDays(-10)).SetProperty(x => x.LateSince, now.AddDays(-9))));
        await RunJobAsync("leads.pool");
        await RunJobAsync("leads.pool");
        var lead = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.SingleAsync(x => x.Id == id));
        (lead.State, lead.ConsultantUserId, lead.LateSince, lead.PoolSince is not null).ShouldBe((LeadState.Pool, (string?)null, (DateTime?)null, true));
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().LeadEvents.CountAsync(e => e.LeadId == id && e.Kind == LeadEventKind.ToPool))).ShouldBe(1);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Notifications.CountAsync(n => n.Link == $"/Leads/{id}" && n.Key == "Notification.LeadToPool"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_pool_lead_given_to_a_consultant_is_due_today_and_stays_theirs_when_the_pool_job_runs()
    {
        var id = (await CreateAsync(await app.ApiAs("th.reception"), TestData.NewMobile())).GetProperty("line").GetProperty("id").GetInt64();
        var old = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-20);
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, LeadState.Pool).SetProperty(x => x.ConsultantUserId, (string?)null).SetProperty(x => x.NextFollowUpOn, old)));
        var manager = await app.ApiAs("th.salesmgr");
        var detail = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        var (status, given) = await PostAsync(manager, $"/api/v1/leads/{id}/assign", new { consultantUserId = await Callbacks.CallbackData.UserIdAsync(app, "th.sales"), version = VersionOf(detail) });
        status.ShouldBe(HttpStatusCode.OK, given.ToString());
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        given.GetProperty("lead").GetProperty("line").GetProperty("nextFollowUpOn").GetString().ShouldBe(today.ToString("yyyy-MM-dd"));
        await RunJobAsync("leads.pool");
        (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")).GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("following");
    }

    [Fact]
    public async Task A_consultant_corrects_their_open_lead_the_changed_fields_go_on_its_timeline_and_bad_or_stale_edits_change_nothing()
    {
        var sales = await app.ApiAs("th.sales");
        var mobile = TestData.NewMobile();
        var visitAt = app.Clock.GetUtcNow().AddHours(-2);
        var id = (await CreateAsync(sales, mobile, new { visitAt })).GetProperty("line").GetProperty("id").GetInt64();
        var otherMobile = TestData.NewMobile();
        var otherNumber = (await CreateAsync(sales, otherMobile)).GetProperty("line").GetProperty("number").GetString()!;
        var version = VersionOf(await sales.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}"));

        // No mobile given keeps the recorded one; the level and budget change, and the timeline names them.
        var edited = await sales.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "潜客改", intentLevel = "H", source = "phone", budget = "15万", version });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var detail = await edited.Content.ReadFromJsonAsync<JsonElement>();
        var line = detail.GetProperty("lead").GetProperty("line");
        (line.GetProperty("name").GetString(), line.GetProperty("intentLevel").GetString(), line.GetProperty("source").GetString()).ShouldBe(("潜客改", "H", "phone"));
        line.GetProperty("mobile").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);
        detail.GetProperty("lead").GetProperty("budget").GetString().ShouldBe("15万");
        detail.GetProperty("lead").GetProperty("visitAt").GetDateTimeOffset().ShouldBe(visitAt, TimeSpan.FromSeconds(1)); // not given: kept
        var note = detail.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "edited").GetProperty("note").GetString()!;
        note.ShouldContain("意向级别");
        note.ShouldNotContain(mobile);

        // The version read before is stale now; a bad level names its field; another open lead's mobile is refused naming it.
        (await sales.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "再改", intentLevel = "A", source = "phone", version })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var current = VersionOf(detail);
        var bad = await sales.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "", intentLevel = "Z", source = "oemBatch", version = current });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "intentLevel", "source" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var twin = await sales.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "潜客改", mobile = otherMobile, intentLevel = "H", source = "phone", version = current });
        twin.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twin.Content.ReadAsStringAsync()).ShouldContain(otherNumber);
        var after = await sales.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        (after.GetProperty("lead").GetProperty("line").GetProperty("name").GetString(), VersionOf(after)).ShouldBe(("潜客改", current));

        // Another consultant does not reach it; a closed lead is not edited.
        var other = await app.ApiAs((await app.CreateUserAsync(Roles.SalesConsultant)).UserName!);
        (await other.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "别人", intentLevel = "A", source = "phone", version = current })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Leads.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.State, LeadState.Lost)));
        (await sales.PutAsJsonAsync($"/api/v1/leads/{id}", new { name = "关闭后", intentLevel = "A", source = "phone", version = current })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_consultants_day_pages_their_due_follow_ups_and_counts_them_all()
    {
        var consultant = await app.CreateUserAsync(Roles.SalesConsultant);
        var client = await app.ApiAs(consultant.UserName!);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await CreateAsync(client, TestData.NewMobile())).GetProperty("line").GetProperty("id").GetInt64());
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/leads/day?pageSize=2");
        first.GetProperty("dueTotal").GetInt32().ShouldBe(3);
        first.GetProperty("due").GetArrayLength().ShouldBe(2);
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/leads/day?pageSize=2&page=2");
        second.GetProperty("dueTotal").GetInt32().ShouldBe(3);
        first.GetProperty("due").EnumerateArray().Concat(second.GetProperty("due").EnumerateArray()).Select(x => x.GetProperty("id").GetInt64()).Order()
            .ShouldBe(ids.Order());
        // Their own line of the day only, with the same count.
        var mine = first.GetProperty("consultants").EnumerateArray().ShouldHaveSingleItem();
        mine.GetProperty("userId").GetString().ShouldBe(consultant.Id);
        (mine.GetProperty("dueToday").GetInt32() + mine.GetProperty("overdue").GetInt32()).ShouldBe(3);
        // The sales manager has no due follow-ups of their own here, and sees every consultant's line.
        var manager = await (await app.ApiAs("th.salesmgr")).GetFromJsonAsync<JsonElement>("/api/v1/leads/day");
        manager.GetProperty("consultants").EnumerateArray().ShouldContain(x => x.GetProperty("userId").GetString() == consultant.Id);
    }

    [Fact]
    public async Task A_lost_lead_needs_the_sales_managers_approval_and_a_reason()
    {
        var sales = await app.ApiAs("th.sales");
        var detail = await CreateAsync(sales, TestData.NewMobile());
        var id = detail.GetProperty("line").GetProperty("id").GetInt64();
        var version = detail.GetProperty("line").GetProperty("version").GetInt32();
        (await PostAsync(sales, $"/api/v1/leads/{id}/lost", new { reason = "competitor", version })).Status.ShouldBe(HttpStatusCode.BadRequest); // which competitor?
        var (status, pending) = await PostAsync(sales, $"/api/v1/leads/{id}/lost", new { reason = "competitor", competitor = "丰田", keepsInterest = true, version });
        status.ShouldBe(HttpStatusCode.OK, pending.ToString());
        pending.GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("lostPending");
        (await sales.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")).GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("lostPending"); // stored, not just answered
        (await sales.PostAsJsonAsync($"/api/v1/leads/{id}/lost/decision", new { approve = true, version = VersionOf(pending) })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var manager = await app.ApiAs("th.salesmgr");
        var refusal = await PostAsync(manager, $"/api/v1/leads/{id}/lost/decision", new { approve = false, version = VersionOf(pending) });
        refusal.Status.ShouldBe(HttpStatusCode.BadRequest, refusal.Body.ToString()); // a refusal says why
        var (ok, lost) = await PostAsync(manager, $"/api/v1/leads/{id}/lost/decision", new { approve = true, version = VersionOf(pending) });
        ok.ShouldBe(HttpStatusCode.OK, lost.ToString());
        lost.GetProperty("lead").GetProperty("line").GetProperty("state").GetString().ShouldBe("lost");
        lost.GetProperty("lead").GetProperty("lostCompetitor").GetString().ShouldBe("丰田");
        // Kept an interest: in the pool's campaign list.
        var pool = await manager.GetFromJsonAsync<JsonElement>("/api/v1/leads/pool?lost=true&pageSize=200");
        pool.GetProperty("items").EnumerateArray().ShouldContain(x => x.GetProperty("id").GetInt64() == id && x.GetProperty("keepsInterest").GetBoolean());
        // A sales manager's own 战败 waits for another approver.
        var own = await CreateAsync(manager, TestData.NewMobile());
        var ownId = own.GetProperty("line").GetProperty("id").GetInt64();
        var (_, ownPending) = await PostAsync(manager, $"/api/v1/leads/{ownId}/lost", new { reason = "price", version = own.GetProperty("line").GetProperty("version").GetInt32() });
        (await PostAsync(manager, $"/api/v1/leads/{ownId}/lost/decision", new { approve = true, version = VersionOf(ownPending) })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync(await app.ApiAs("th.gm"), $"/api/v1/leads/{ownId}/lost/decision", new { approve = true, version = VersionOf(ownPending) })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_OEM_lead_without_feedback_24_hours_after_its_batch_is_flagged_late_and_escalated_to_the_sales_manager()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var storeId = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Stores.Where(s => s.Code == "TH").Select(s => s.Id).SingleAsync());
        var salesId = await Callbacks.CallbackData.UserIdAsync(app, "th.sales");
        var id = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var batch = new LeadBatch { StoreId = storeId, BatchNumber = "PC" + Guid.NewGuid().ToString("N")[..8], ArrivedAt = now.AddHours(-25), ImportedAt = now.AddHours(-25), Leads = 1 };
            db.LeadBatches.Add(batch);
            await db.SaveChangesAsync();
            var lead = new Lead { StoreId = storeId, Name = "厂家线索", IntentLevel = "B", Source = LeadSource.OemBatch, State = LeadState.Following, ConsultantUserId = salesId, ConsultantName = "顾问",
                ConsultantDepartmentId = await db.Users.Where(u => u.Id == salesId).Select(u => u.DepartmentId).SingleAsync(), BatchId = batch.Id, FeedbackDueAt = now.AddHours(-1), CreatedAt = now.AddHours(-25), UpdatedAt = now, NextFollowUpOn = DateOnly.FromDateTime(now), NextClockAt = now.AddHours(-25) };
            lead.SetMobile(TestData.NewMobile());
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = LeadLimit.OemFeedback, Kind = LimitEventKind.Started, At = batch.ArrivedAt });
            await db.SaveChangesAsync();
            return lead.Id;
        });
        await RunJobAsync("leads.clocks");
        var manager = await app.ApiAs("th.salesmgr");
        var detail = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        detail.GetProperty("lead").GetProperty("line").GetProperty("late").GetBoolean().ShouldBeTrue();
        var clock = detail.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("limit").GetString() == "oemFeedback");
        clock.GetProperty("breached").GetBoolean().ShouldBeTrue();
        clock.GetProperty("level").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var notices = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().Notifications.Where(n => n.Link == $"/Leads/{id}")
            .Join(sp.GetRequiredService<DcrcDb>().Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Key }).ToListAsync());
        notices.ShouldContain(n => n.UserName == "th.sales" && n.Key == "Notification.LeadBreached");
        notices.ShouldContain(n => n.UserName == "th.salesmgr" && n.Key == "Notification.LeadEscalated");
        // Recorded once: the job again adds nothing; the late lead is in the late list and can be given to someone else.
        var events = detail.GetProperty("events").GetArrayLength();
        await RunJobAsync("leads.clocks");
        (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")).GetProperty("events").GetArrayLength().ShouldBe(events);
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/leads?late=true&pageSize=200")).GetProperty("items").EnumerateArray().ShouldContain(x => x.GetProperty("id").GetInt64() == id);
        var other = await app.CreateUserAsync(Roles.SalesConsultant);
        var (status, reassigned) = await PostAsync(manager, $"/api/v1/leads/{id}/assign", new { consultantUserId = other.Id, note = "超时改派", version = VersionOf(detail) });
        status.ShouldBe(HttpStatusCode.OK, reassigned.ToString());
        reassigned.GetProperty("events").EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "reassigned");
    }
}

[Collection(SqliteCollection.Name)] public class LeadTests_Sqlite(SqliteApp app) : LeadTests(app);
[Collection(PostgresCollection.Name)] public class LeadTests_Postgres(PostgresApp app) : LeadTests(app);
