using System.Text;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Sms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dcrc.Tests.Kernel.Sms;

/// <summary>The outbox's rules that need no database.</summary>
public class SmsRulesTests
{
    private static SmsPreference Pref(bool allowed) => new() { Allowed = allowed };

    [Theory]
    [InlineData(SmsPurpose.Service, null, null)]
    [InlineData(SmsPurpose.Survey, null, null)]
    [InlineData(SmsPurpose.Marketing, null, SmsBlockedReason.NoConsent)]
    [InlineData(SmsPurpose.Service, false, SmsBlockedReason.OptedOut)]
    [InlineData(SmsPurpose.Survey, false, SmsBlockedReason.OptedOut)]
    [InlineData(SmsPurpose.Marketing, false, SmsBlockedReason.OptedOut)]
    [InlineData(SmsPurpose.Marketing, true, null)]
    [InlineData(SmsPurpose.Service, true, null)]
    public void Service_and_surveys_go_out_unless_opted_out_and_marketing_needs_consent(SmsPurpose purpose, bool? latest, SmsBlockedReason? expected) =>
        SmsRules.Refusal(purpose, latest is { } a ? Pref(a) : null).ShouldBe(expected);

    [Theory]
    [InlineData("TD", true)]
    [InlineData("td", true)]
    [InlineData(" Td ", true)]
    [InlineData("ＴＤ", true)]
    [InlineData("ｔｄ。", true)]
    [InlineData("TD!", true)]
    [InlineData("退订", true)]
    [InlineData(" 退订 ", true)]
    [InlineData("T D", true)]
    [InlineData("10", false)]
    [InlineData("TDD", false)]
    [InlineData("不要退订", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TD_and_退订_in_any_width_or_case_are_opt_outs(string? text, bool optOut) => SmsRules.IsOptOut(text).ShouldBe(optOut);

    [Fact]
    public void Retries_wait_the_first_delay_doubled_each_time_until_the_attempts_run_out()
    {
        var now = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
        Enumerable.Range(1, 5).Select(a => (SmsRules.NextAttempt(now, a, 6, 1)!.Value - now).TotalMinutes).ShouldBe([1, 2, 4, 8, 16]);
        SmsRules.NextAttempt(now, 6, 6, 1).ShouldBeNull();
        (SmsRules.NextAttempt(now, 3, 6, 5)!.Value - now).TotalMinutes.ShouldBe(20);
        SmsRules.NextAttempt(now, 1, 1, 1).ShouldBeNull();
    }

    [Fact]
    public void A_reply_is_identified_by_the_providers_id_or_by_sender_text_and_time()
    {
        var at = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
        SmsRules.ReplyKey("abc", "13800138000", "10", at).ShouldBe(SmsRules.ReplyKey("abc", "13900139000", "9", at.AddDays(1)));
        var key = SmsRules.ReplyKey(null, "13800138000", "10", at);
        key.ShouldBe(SmsRules.ReplyKey(" ", "13800138000", "10", at.AddMilliseconds(300)));
        key.ShouldNotBe(SmsRules.ReplyKey(null, "13800138000", "10", at.AddSeconds(1)));
        key.ShouldNotBe(SmsRules.ReplyKey(null, "13800138000", "9", at));
        key.Length.ShouldBeLessThanOrEqualTo(100);
    }

    [Fact]
    public void The_signature_goes_first_once()
    {
        SmsRules.WithSignature("您好", "【天河店】").ShouldBe("【天河店】您好");
        SmsRules.WithSignature("【天河店】您好", "【天河店】").ShouldBe("【天河店】您好");
        SmsRules.WithSignature("您好", null).ShouldBe("您好");
    }

    [Fact]
    public void A_webhook_signature_is_the_hmac_of_the_timestamp_and_the_body_and_nothing_passes_without_a_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"from\":\"13800138000\",\"text\":\"10\"}");
        const string ts = "1795000000";
        var signature = SignedWebhook.Sign(ts, body, "secret");
        signature.ShouldBe("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), (byte[])[.. Encoding.UTF8.GetBytes(ts + "."), .. body])));
        SignedWebhook.IsSigned(ts, body, signature, "secret").ShouldBeTrue();
        SignedWebhook.IsSigned(ts, body, signature.ToUpperInvariant().Replace("SHA256=", "sha256="), "secret").ShouldBeTrue();
        SignedWebhook.IsSigned(ts, body, signature, "other").ShouldBeFalse();
        SignedWebhook.IsSigned("1795000001", body, signature, "secret").ShouldBeFalse(); // the timestamp is signed too
        SignedWebhook.IsSigned(null, body, signature, "secret").ShouldBeFalse();
        SignedWebhook.IsSigned(ts, [.. body, (byte)' '], signature, "secret").ShouldBeFalse();
        SignedWebhook.IsSigned(ts, body, signature[7..], "secret").ShouldBeFalse();
        SignedWebhook.IsSigned(ts, body, "sha256=not-hex", "secret").ShouldBeFalse();
        SignedWebhook.IsSigned(ts, body, null, "secret").ShouldBeFalse();
        SignedWebhook.IsSigned(ts, body, signature, null).ShouldBeFalse();
        SignedWebhook.IsSigned(ts, body, signature, "").ShouldBeFalse();
    }

    [Fact]
    public void A_webhook_timestamp_is_fresh_within_the_tolerance_either_way()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
        var five = TimeSpan.FromMinutes(5);
        SignedWebhook.IsFresh("1795000000", now, five).ShouldBeTrue();
        SignedWebhook.IsFresh("1794999700", now, five).ShouldBeTrue(); // exactly five minutes old
        SignedWebhook.IsFresh("1794999699", now, five).ShouldBeFalse();
        SignedWebhook.IsFresh("1795000301", now, five).ShouldBeFalse(); // from the future
        foreach (var bad in new[] { null, "", "abc", "-5", "1.5e9", "99999999999999999999" }) SignedWebhook.IsFresh(bad, now, five).ShouldBeFalse(bad);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_transient_failure()
    {
        var options = Options.Create(new SmsOptions { Provider = "http", Http = { Url = "http://127.0.0.1:1/send" } });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var gateway = new HttpSmsGateway(http, options, NullLogger<HttpSmsGateway>.Instance);
        var result = await gateway.SendAsync(new SmsMessage { Id = 1, StoreId = 1, Mobile = "13800138000", Body = "x", IdempotencyKey = "k" }, default);
        result.Outcome.ShouldBe(SmsSendOutcome.TransientFailure);
        result.Error!.ShouldStartWith("unreachable");
    }

    [Theory]
    [InlineData("local", null, true)]
    [InlineData("LOCAL", null, true)]
    [InlineData("http", "https://sms.example.com/send", true)]
    [InlineData("http", null, false)]
    [InlineData("http", "not a url", false)]
    [InlineData("carrier-pigeon", null, false)]
    public void The_configuration_names_a_known_provider_and_its_url(string provider, string? url, bool valid) =>
        new SmsOptions { Provider = provider, Http = { Url = url } }.IsValid().ShouldBe(valid);
}
