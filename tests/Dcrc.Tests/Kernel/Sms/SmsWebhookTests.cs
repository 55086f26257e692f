using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Sms;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Kernel.Sms;

/// <summary>The provider's webhooks (replies, delivery reports) and the staff API over the log and consents.</summary>
public abstract class SmsWebhookTests(SmsApp app)
{
    /// <summary>A message to the mobile, sent through the local gateway at the clock's time.</summary>
    private async Task<SmsMessage> SentAsync(string mobile, SmsPurpose purpose = SmsPurpose.Survey, string store = "TH")
    {
        app.UseHttp = false;
        await app.ClearOutboxAsync();
        var id = (await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync(store), mobile, purpose))).Message.Id;
        await app.RunOutboxAsync();
        var message = await app.MessageAsync(id);
        message.Status.ShouldBe(SmsStatus.Sent);
        return message;
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<List<SmsReply>> RepliesFromAsync(string mobile) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsReplies.AsNoTracking().Where(r => r.From == mobile).ToListAsync());

    [Fact]
    public async Task Webhooks_refuse_a_missing_or_wrong_signature()
    {
        var body = new { from = TestData.NewMobile(), text = "10", receivedAt = DateTimeOffset.UtcNow };
        (await app.PostWebhookAsync("/api/v1/sms/replies", body, sign: false)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.PostWebhookAsync("/api/v1/sms/replies", body, signature: "sha256=" + new string('0', 64))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var timestamp = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await app.PostWebhookAsync("/api/v1/sms/replies", body, signature: Dcrc.Tests.Features.Calls.CallData.Signature(SmsApp.WebhookSecret, timestamp, "{}"u8.ToArray())))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Signed over the body alone, or more than five minutes ago: refused (a replay).
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var bodyOnly = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SmsApp.WebhookSecret), bytes));
        (await app.PostWebhookAsync("/api/v1/sms/replies", body, signature: bodyOnly)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.PostWebhookAsync("/api/v1/sms/replies", body, signedAt: app.Clock.GetUtcNow().AddMinutes(-6))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await app.PostWebhookAsync("/api/v1/sms/status", new { providerMessageId = "x", status = "delivered" }, signature: "sha256=zz");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        (await RepliesFromAsync(body.from)).ShouldBeEmpty();

        (await app.PostWebhookAsync("/api/v1/sms/replies", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RepliesFromAsync(body.from)).Count.ShouldBe(1);
        // A signed call with a bad field is told which.
        var invalid = await app.PostWebhookAsync("/api/v1/sms/replies", new { from = "12345", text = "10", receivedAt = DateTimeOffset.UtcNow });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_reply_is_matched_to_the_latest_message_sent_to_the_mobile_and_handed_to_the_handlers()
    {
        var mobile = TestData.NewMobile();
        var older = await SentAsync(mobile, SmsPurpose.Service);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var latest = await SentAsync(mobile, SmsPurpose.Survey);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        var ack = await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", new { from = "+86 " + mobile, text = " 9 ", id = "r-" + Guid.NewGuid() }));
        ack.GetProperty("messageId").GetInt64().ShouldBe(latest.Id);
        ack.GetProperty("optOut").GetBoolean().ShouldBeFalse();
        var answered = await app.MessageAsync(latest.Id);
        (answered.Reply, answered.RepliedAt).ShouldBe(("9", app.Clock.GetUtcNow().UtcDateTime));
        (await app.MessageAsync(older.Id)).Reply.ShouldBeNull();
        app.HandledReplies.Where(h => h.MessageId == latest.Id).ShouldHaveSingleItem().Text.ShouldBe("9");

        // Past the matching window a reply belongs to no message, and is kept all the same.
        app.Clock.Advance(TimeSpan.FromDays(8));
        var late = await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", new { from = mobile, text = "还有活动吗", receivedAt = app.Clock.GetUtcNow() }));
        late.GetProperty("messageId").ValueKind.ShouldBe(JsonValueKind.Null);
        app.HandledReplies.Count(h => h.Text == "还有活动吗").ShouldBe(0);
        // It belongs to no store, so only the group sees it (its text may concern any store's customer).
        var group = await app.ApiAs("group.gm");
        var unmatched = await group.GetFromJsonAsync<JsonElement>("/api/v1/sms/replies?matched=false&pageSize=100");
        var masked = Dcrc.Kernel.Identifiers.Phone.Mask(mobile);
        unmatched.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetInt64() == late.GetProperty("replyId").GetInt64()
            && i.GetProperty("from").GetString() == masked);
        var store = await app.ApiAs("th.callback");
        (await store.GetFromJsonAsync<JsonElement>("/api/v1/sms/replies?matched=false&pageSize=100")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("id").GetInt64() == late.GetProperty("replyId").GetInt64());
    }

    [Fact]
    public async Task A_reply_delivered_twice_is_recorded_once()
    {
        var mobile = TestData.NewMobile();
        var message = await SentAsync(mobile);
        var byId = new { from = mobile, text = "10", id = "dup-" + Guid.NewGuid() };
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", byId))).GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", byId))).GetProperty("duplicate").GetBoolean().ShouldBeTrue();

        var at = app.Clock.GetUtcNow().AddSeconds(-5);
        var byTime = new { from = mobile, text = "8", receivedAt = at };
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", byTime))).GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", byTime))).GetProperty("duplicate").GetBoolean().ShouldBeTrue();

        (await RepliesFromAsync(mobile)).Select(r => r.Text).Order().ShouldBe(["10", "8"]);
        // The message was answered by the first: the other reply is kept, matched to no message (a recorded reply is never replaced).
        app.HandledReplies.Where(h => h.MessageId == message.Id).Select(h => h.Text).ShouldBe(["10"]);
        (await app.MessageAsync(message.Id)).Reply.ShouldBe("10");
        // Neither id nor time: a repeat could not be told apart, so the call is refused.
        var unknowable = await app.PostWebhookAsync("/api/v1/sms/replies", new { from = mobile, text = "7" });
        unknowable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknowable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("receivedAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_reply_answers_the_newest_message_still_waiting_and_never_overwrites_a_recorded_reply()
    {
        var mobile = TestData.NewMobile();
        var older = await SentAsync(mobile);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await SentAsync(mobile);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        async Task<JsonElement> Reply(string text) => await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", new { from = mobile, text, id = "w-" + Guid.NewGuid() }));

        (await Reply("9")).GetProperty("messageId").GetInt64().ShouldBe(newer.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Reply("3")).GetProperty("messageId").GetInt64().ShouldBe(older.Id); // the newest one still waiting for a reply
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Reply("5")).GetProperty("messageId").ValueKind.ShouldBe(JsonValueKind.Null); // none waiting: kept, unmatched
        (await app.MessageAsync(newer.Id)).Reply.ShouldBe("9");
        (await app.MessageAsync(older.Id)).Reply.ShouldBe("3");
        app.HandledReplies.Where(h => h.MessageId == newer.Id).Select(h => h.Text).ShouldBe(["9"]);
        app.HandledReplies.Where(h => h.MessageId == older.Id).Select(h => h.Text).ShouldBe(["3"]);
        (await RepliesFromAsync(mobile)).Select(r => r.Text).Order().ShouldBe(["3", "5", "9"]);
    }

    [Fact]
    public async Task A_TD_reply_opts_out_of_the_answered_messages_purpose_only()
    {
        var mobile = TestData.NewMobile();
        var survey = await SentAsync(mobile, SmsPurpose.Survey);
        var ack = await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", new { from = mobile, text = " ＴＤ ", id = "td-" + Guid.NewGuid() }));
        (ack.GetProperty("messageId").GetInt64(), ack.GetProperty("optOut").GetBoolean()).ShouldBe((survey.Id, true));
        app.HandledReplies.ShouldNotContain(h => h.MessageId == survey.Id); // an opt-out is no answer

        var store = survey.StoreId;
        (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Survey))).Message.BlockedReason.ShouldBe(SmsBlockedReason.OptedOut);
        (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Service))).Outcome.ShouldBe(SmsEnqueueOutcome.Queued);

        var staff = await app.ApiAs("th.callback");
        var prefs = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/sms/preferences?mobile={mobile}&storeId={store}");
        var current = prefs.GetProperty("current").EnumerateArray().ToDictionary(p => p.GetProperty("purpose").GetString()!, p => p.GetProperty("sendable").GetBoolean());
        current.ShouldBe(new Dictionary<string, bool> { ["service"] = true, ["survey"] = false, ["marketing"] = false });
        var row = prefs.GetProperty("history").EnumerateArray().ShouldHaveSingleItem();
        (row.GetProperty("source").GetString(), row.GetProperty("reason").GetString(), row.GetProperty("mobile").GetString()).ShouldBe(("reply", "ＴＤ", mobile[..3] + "****" + mobile[7..]));

        // 退订 answering nothing: a marketing opt-out for every store.
        var stranger = TestData.NewMobile();
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/replies", new { from = stranger, text = "退订", receivedAt = app.Clock.GetUtcNow() })))
            .GetProperty("optOut").GetBoolean().ShouldBeTrue();
        var optOut = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsPreferences.SingleAsync(p => p.Mobile == stranger));
        (optOut.Purpose, optOut.Allowed, optOut.StoreId).ShouldBe((SmsPurpose.Marketing, false, (int?)null));
    }

    [Fact]
    public async Task A_delivery_report_marks_the_message_delivered_or_failed()
    {
        var message = await SentAsync(TestData.NewMobile(), SmsPurpose.Service);
        var at = app.Clock.GetUtcNow().AddSeconds(20);
        var report = new { providerMessageId = message.ProviderMessageId, status = "delivered", at };
        (await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/status", report))).GetProperty("status").GetString().ShouldBe("delivered");
        (await app.PostWebhookAsync("/api/v1/sms/status", report)).StatusCode.ShouldBe(HttpStatusCode.OK); // a repeat changes nothing
        var delivered = await app.MessageAsync(message.Id);
        (delivered.Status, delivered.DeliveredAt).ShouldBe((SmsStatus.Delivered, at.UtcDateTime));
        // A late "failed" does not undo a delivery.
        await app.PostWebhookAsync("/api/v1/sms/status", new { providerMessageId = message.ProviderMessageId, status = "failed", error = "UNDELIV" });
        (await app.MessageAsync(message.Id)).Status.ShouldBe(SmsStatus.Delivered);

        var other = await SentAsync(TestData.NewMobile(), SmsPurpose.Service);
        await OkJsonAsync(await app.PostWebhookAsync("/api/v1/sms/status", new { providerMessageId = other.ProviderMessageId, status = "FAILED", error = "MK:0001 关机" }));
        var failed = await app.MessageAsync(other.Id);
        (failed.Status, failed.LastError).ShouldBe((SmsStatus.Failed, "MK:0001 关机"));

        (await app.PostWebhookAsync("/api/v1/sms/status", new { providerMessageId = "no-such-id", status = "delivered" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await app.PostWebhookAsync("/api/v1/sms/status", new { providerMessageId = other.ProviderMessageId, status = "read" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_log_shows_CR_staff_their_stores_messages_with_masked_mobiles()
    {
        var mobile = TestData.NewMobile();
        var th = await SentAsync(mobile, SmsPurpose.Survey);
        var ns = await SentAsync(mobile, SmsPurpose.Survey, "NS");
        var staff = await app.ApiAs("th.callback");
        var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/sms/messages?purpose=survey&status=sent&pageSize=100");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var item = items.Where(i => i.GetProperty("id").GetInt64() == th.Id).ShouldHaveSingleItem();
        item.GetProperty("mobile").GetString().ShouldBe(mobile[..3] + "****" + mobile[7..]);
        (item.GetProperty("reason").GetString(), item.GetProperty("status").GetString()).ShouldBe(("test.reminder", "sent"));
        items.ShouldNotContain(i => i.GetProperty("id").GetInt64() == ns.Id); // another store's
        items.ShouldAllBe(i => i.GetProperty("purpose").GetString() == "survey" && i.GetProperty("status").GetString() == "sent");

        var wrong = await staff.GetAsync("/api/v1/sms/messages?status=lost&from=2026-13-01");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        (errors.TryGetProperty("status", out _), errors.TryGetProperty("from", out _)).ShouldBe((true, true));

        var sales = await app.ApiAs("th.sales");
        (await sales.GetAsync("/api/v1/sms/messages")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sales.PostAsJsonAsync("/api/v1/sms/preferences", new { mobile, purpose = "service", allowed = false, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Recording_a_preference_names_the_wrong_fields_and_is_audited()
    {
        var staff = await app.ApiAs("th.callback");
        var refused = await staff.PostAsJsonAsync("/api/v1/sms/preferences", new { mobile = "12345", purpose = "service", allowed = false, reason = " " });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        (errors.TryGetProperty("mobile", out _), errors.TryGetProperty("reason", out _)).ShouldBe((true, true));

        var mobile = TestData.NewMobile();
        // th.callback works in one store: it is the store of the record.
        var created = await TestData.PostCreatedAsync(staff, "/api/v1/sms/preferences", new { mobile, purpose = "service", allowed = false, reason = "客户来电要求不再发送保养提醒" });
        created.GetProperty("storeId").GetInt32().ShouldBe(await app.StoreIdAsync("TH"));
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == SmsAuditActions.Preference && e.EntityId == created.GetProperty("id").GetInt64().ToString()).ToListAsync());
        audited.ShouldHaveSingleItem().Summary.ShouldContain("opt-out");
        audited[0].Summary.ShouldNotContain(mobile);
    }
}

[Collection(SmsSqliteCollection.Name)] public class SmsWebhookTests_Sqlite(SmsSqliteApp app) : SmsWebhookTests(app);
[Collection(SmsPostgresCollection.Name)] public class SmsWebhookTests_Postgres(SmsPostgresApp app) : SmsWebhookTests(app);
