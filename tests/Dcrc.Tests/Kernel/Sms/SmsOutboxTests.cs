using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Data;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Sms;
using Dcrc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Kernel.Sms;

/// <summary>Queuing in the caller's transaction, consent, and the job sending through the local and the HTTP gateway.</summary>
public abstract class SmsOutboxTests(SmsApp app)
{
    [Fact]
    public async Task A_message_commits_with_the_callers_change_and_the_job_sends_it_through_the_local_gateway()
    {
        app.UseHttp = false;
        await app.ClearOutboxAsync();
        var store = await app.StoreIdAsync("TH");
        var mobile = TestData.NewMobile();
        var id = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            var result = await sp.GetRequiredService<SmsOutbox>().EnqueueAsync(SmsApp.Request(store, mobile) with { CustomerName = "张三", RelatedId = 42 });
            result.Outcome.ShouldBe(SmsEnqueueOutcome.Queued);
            // Not saved by the outbox: nothing is there until the caller saves its own change.
            (await app.WithScopeAsync(other => other.GetRequiredService<DcrcDb>().SmsMessages.CountAsync(m => m.Mobile == mobile))).ShouldBe(0);
            await db.SaveChangesAsync();
            return result.Message.Id;
        });

        await app.RunOutboxAsync();
        var sent = await app.MessageAsync(id);
        (sent.Status, sent.ProviderMessageId, sent.Attempts, sent.SentAt).ShouldBe((SmsStatus.Sent, $"local-{id}", 1, app.Clock.GetUtcNow().UtcDateTime));
        (sent.CustomerName, sent.RelatedId, sent.NextAttemptAt).ShouldBe(("张三", 42L, (DateTime?)null));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_gives_one_message()
    {
        var th = await app.StoreIdAsync("TH");
        var ns = await app.StoreIdAsync("NS");
        var request = SmsApp.Request(th, TestData.NewMobile());
        var first = await app.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<SmsOutbox>();
            var a = await outbox.EnqueueAsync(request);
            var b = await outbox.EnqueueAsync(request with { Body = "另一条" }); // pending in this context
            b.Outcome.ShouldBe(SmsEnqueueOutcome.Duplicate);
            b.Message.ShouldBeSameAs(a.Message);
            await sp.GetRequiredService<DcrcDb>().SaveChangesAsync();
            return a.Message.Id;
        });
        var again = await app.EnqueueAsync(request); // saved before
        (again.Outcome, again.Message.Id).ShouldBe((SmsEnqueueOutcome.Duplicate, first));
        (await app.EnqueueAsync(request with { StoreId = ns })).Outcome.ShouldBe(SmsEnqueueOutcome.Queued); // keys are per store
        (await app.WithScopeAsync(sp => sp.GetRequiredService<DcrcDb>().SmsMessages.CountAsync(m => m.IdempotencyKey == request.IdempotencyKey))).ShouldBe(2);

        // Two contexts racing past the check: the unique index refuses the second.
        await Should.ThrowAsync<DbUpdateException>(() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DcrcDb>();
            db.SmsMessages.Add(new SmsMessage { StoreId = th, Mobile = request.Mobile, Reason = "x", Body = "x", IdempotencyKey = request.IdempotencyKey, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task The_job_run_twice_in_a_period_or_again_later_sends_a_message_once()
    {
        app.UseHttp = true;
        try
        {
            await app.ClearOutboxAsync();
            var mobile = TestData.NewMobile();
            var queued = await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), mobile));
            app.Clock.Advance(TimeSpan.FromMinutes(1)); // a period no earlier test claimed
            var runner = app.Services.GetRequiredService<JobRunner>();
            (await runner.RunDueAsync()).ShouldContain("sms.outbox");
            (await runner.RunDueAsync()).ShouldNotContain("sms.outbox");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            (await runner.RunDueAsync()).ShouldContain("sms.outbox");
            app.FakeProvider.To(mobile).Count.ShouldBe(1);
            (await app.MessageAsync(queued.Message.Id)).Status.ShouldBe(SmsStatus.Sent);
        }
        finally { app.UseHttp = false; }
    }

    [Fact]
    public async Task The_provider_is_called_after_the_claim_committed_not_inside_its_transaction()
    {
        await app.ClearOutboxAsync();
        var queued = await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), TestData.NewMobile()));
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // a period no earlier test claimed
        var seen = new List<(bool Claimed, SmsStatus Status)>();
        app.OnSend = async message =>
        {
            // Another connection sees the period's claim and the message claimed: both have committed.
            seen.Add(await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DcrcDb>();
                var now = app.Clock.GetUtcNow().UtcDateTime;
                return (await db.JobRuns.AnyAsync(r => r.Job == "sms.outbox" && r.StartedAt == now),
                    (await db.SmsMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id)).Status);
            }));
        };
        try
        {
            (await app.Services.GetRequiredService<JobRunner>().RunDueAsync()).ShouldContain("sms.outbox");
        }
        finally { app.OnSend = null; }
        seen.ShouldBe([(true, SmsStatus.Sending)]);
        (await app.MessageAsync(queued.Message.Id)).Status.ShouldBe(SmsStatus.Sent);
    }

    [Fact]
    public async Task A_message_left_sending_by_a_crashed_run_is_sent_once_its_lease_runs_out()
    {
        await app.ClearOutboxAsync();
        var mobile = TestData.NewMobile();
        var queued = await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), mobile));
        await app.WithScopeAsync(async sp =>
        {
            // The claim committed, then the process died before sending.
            var job = sp.GetServices<IScheduledJob>().OfType<SmsOutboxJob>().Single();
            await job.RunAsync(app.Clock.GetUtcNow().UtcDateTime, default);
        });
        (await app.MessageAsync(queued.Message.Id)).Status.ShouldBe(SmsStatus.Sending);
        await app.RunOutboxAsync(); // within the lease: not taken
        (await app.MessageAsync(queued.Message.Id)).Status.ShouldBe(SmsStatus.Sending);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunOutboxAsync();
        (await app.MessageAsync(queued.Message.Id)).Status.ShouldBe(SmsStatus.Sent);
    }

    [Fact]
    public async Task The_http_gateway_posts_the_text_with_signature_client_id_and_bearer_key()
    {
        app.UseHttp = true;
        try
        {
            await app.ClearOutboxAsync();
            var store = await app.StoreIdAsync("TH");
            var mobile = TestData.NewMobile();
            var queued = await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Survey, key: "survey:77"));
            await app.RunOutboxAsync();

            var sent = app.FakeProvider.To(mobile).ShouldHaveSingleItem();
            sent.Authorization.ShouldBe("Bearer " + SmsApp.ApiKey);
            using var json = JsonDocument.Parse(sent.Json);
            json.RootElement.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["clientId", "text", "to"]);
            (sent.To, sent.Text, sent.ClientId).ShouldBe((mobile, SmsApp.Signature + queued.Message.Body, $"{store}:survey:77"));
            var message = await app.MessageAsync(queued.Message.Id);
            message.Status.ShouldBe(SmsStatus.Sent);
            message.ProviderMessageId.ShouldStartWith("p-");
        }
        finally { app.UseHttp = false; }
    }

    [Fact]
    public async Task A_transient_failure_retries_with_doubling_delays_and_fails_after_the_last_attempt()
    {
        app.UseHttp = true;
        try
        {
            await app.ClearOutboxAsync();
            var mobile = TestData.NewMobile();
            app.FakeProvider.Answers[mobile] = [500];
            var id = (await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), mobile))).Message.Id;

            var delays = new List<double>();
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                await app.RunOutboxAsync();
                var m = await app.MessageAsync(id);
                m.Attempts.ShouldBe(attempt);
                m.LastError!.ShouldStartWith("HTTP 500");
                if (m.NextAttemptAt is not { } next) { m.Status.ShouldBe(SmsStatus.Failed); break; }
                m.Status.ShouldBe(SmsStatus.Queued);
                var wait = next - app.Clock.GetUtcNow().UtcDateTime;
                delays.Add(wait.TotalMinutes);
                if (wait > TimeSpan.FromMinutes(1))
                {
                    // Not due yet: a run before its time leaves it alone.
                    app.Clock.Advance(TimeSpan.FromMinutes(1));
                    await app.RunOutboxAsync();
                    (await app.MessageAsync(id)).Attempts.ShouldBe(attempt);
                    wait -= TimeSpan.FromMinutes(1);
                }
                app.Clock.Advance(wait);
            }
            delays.ShouldBe([1, 2, 4, 8, 16]);
            var failed = await app.MessageAsync(id);
            (failed.Status, failed.Attempts, failed.NextAttemptAt).ShouldBe((SmsStatus.Failed, 6, (DateTime?)null));
            // Every attempt carried the same client id: a provider that did take one drops the repeats.
            app.FakeProvider.To(mobile).Select(r => r.ClientId).Distinct().Count().ShouldBe(1);
            app.FakeProvider.To(mobile).Count.ShouldBe(6);
        }
        finally { app.UseHttp = false; }
    }

    [Fact]
    public async Task A_transient_failure_then_success_sends_the_message_and_a_timeout_counts_as_transient()
    {
        app.UseHttp = true;
        try
        {
            await app.ClearOutboxAsync();
            var store = await app.StoreIdAsync("TH");
            var flaky = TestData.NewMobile();
            app.FakeProvider.Answers[flaky] = [503, 200];
            var id = (await app.EnqueueAsync(SmsApp.Request(store, flaky))).Message.Id;
            await app.RunOutboxAsync();
            (await app.MessageAsync(id)).Status.ShouldBe(SmsStatus.Queued);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.RunOutboxAsync();
            var sent = await app.MessageAsync(id);
            (sent.Status, sent.Attempts, sent.LastError).ShouldBe((SmsStatus.Sent, 2, (string?)null));

            var slow = TestData.NewMobile();
            app.FakeProvider.Delays[slow] = TimeSpan.FromSeconds(4); // the client waits 2 s
            var late = (await app.EnqueueAsync(SmsApp.Request(store, slow))).Message.Id;
            await app.RunOutboxAsync();
            var timedOut = await app.MessageAsync(late);
            (timedOut.Status, timedOut.Attempts, timedOut.LastError).ShouldBe((SmsStatus.Queued, 1, "timeout"));
            await app.ClearOutboxAsync();
        }
        finally { app.UseHttp = false; }
    }

    [Fact]
    public async Task A_permanent_failure_fails_at_once()
    {
        app.UseHttp = true;
        try
        {
            await app.ClearOutboxAsync();
            var mobile = TestData.NewMobile();
            app.FakeProvider.Answers[mobile] = [400];
            var id = (await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), mobile))).Message.Id;
            await app.RunOutboxAsync();
            var m = await app.MessageAsync(id);
            (m.Status, m.Attempts, m.NextAttemptAt).ShouldBe((SmsStatus.Failed, 1, (DateTime?)null));
            m.LastError.ShouldBe("HTTP 400: {\"error\":\"scripted\"}");
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await app.RunOutboxAsync();
            app.FakeProvider.To(mobile).Count.ShouldBe(1);
        }
        finally { app.UseHttp = false; }
    }

    [Fact]
    public async Task Marketing_goes_out_only_with_a_consent_not_withdrawn_later()
    {
        var store = await app.StoreIdAsync("TH");
        var mobile = TestData.NewMobile();
        var none = await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Marketing));
        (none.Outcome, none.Message.Status, none.Message.BlockedReason).ShouldBe((SmsEnqueueOutcome.Blocked, SmsStatus.Blocked, SmsBlockedReason.NoConsent));
        (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Service))).Outcome.ShouldBe(SmsEnqueueOutcome.Queued);

        var staff = await app.ApiAs("th.callback");
        (await staff.PostAsJsonAsync("/api/v1/sms/preferences", new { storeId = store, mobile, purpose = "marketing", allowed = true, reason = "到店登记同意接收优惠信息" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Marketing))).Outcome.ShouldBe(SmsEnqueueOutcome.Queued);
        // The consent is the store's: the other store still has none.
        (await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("NS"), mobile, SmsPurpose.Marketing))).Message.BlockedReason.ShouldBe(SmsBlockedReason.NoConsent);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await staff.PostAsJsonAsync("/api/v1/sms/preferences", new { storeId = store, mobile, purpose = "marketing", allowed = false, reason = "电话中要求不再发送" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Marketing))).Message.BlockedReason.ShouldBe(SmsBlockedReason.OptedOut);
    }

    [Fact]
    public async Task An_opt_out_recorded_after_queuing_blocks_the_message_before_it_is_sent()
    {
        app.UseHttp = false;
        await app.ClearOutboxAsync();
        var store = await app.StoreIdAsync("TH");
        var mobile = TestData.NewMobile();
        var service = (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Service))).Message.Id;
        var survey = (await app.EnqueueAsync(SmsApp.Request(store, mobile, SmsPurpose.Survey))).Message.Id;
        var staff = await app.ApiAs("th.callback");
        (await staff.PostAsJsonAsync("/api/v1/sms/preferences", new { storeId = store, mobile, purpose = "survey", allowed = false, reason = "不愿接受回访" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await app.RunOutboxAsync();
        var blocked = await app.MessageAsync(survey);
        (blocked.Status, blocked.BlockedReason, blocked.Attempts).ShouldBe((SmsStatus.Blocked, SmsBlockedReason.OptedOut, 0));
        (await app.MessageAsync(service)).Status.ShouldBe(SmsStatus.Sent);
    }

    [Fact]
    public async Task An_invalid_mobile_is_recorded_as_blocked()
    {
        var result = await app.EnqueueAsync(SmsApp.Request(await app.StoreIdAsync("TH"), "020-1234"));
        (result.Outcome, result.Message.BlockedReason, result.Message.Mobile).ShouldBe((SmsEnqueueOutcome.Blocked, SmsBlockedReason.InvalidMobile, "0201234"));
    }
}

[Collection(SmsSqliteCollection.Name)] public class SmsOutboxTests_Sqlite(SmsSqliteApp app) : SmsOutboxTests(app);
[Collection(SmsPostgresCollection.Name)] public class SmsOutboxTests_Postgres(SmsPostgresApp app) : SmsOutboxTests(app);
