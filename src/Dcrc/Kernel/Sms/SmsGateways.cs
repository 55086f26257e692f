using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel.Identifiers;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Sms;

public enum SmsSendOutcome { Accepted, TransientFailure, PermanentFailure }

/// <summary>What the provider said: accepted (with its id for the message), or a failure worth retrying or not.</summary>
public sealed record SmsSendResult(SmsSendOutcome Outcome, string? ProviderMessageId = null, string? Error = null)
{
    public static SmsSendResult Accepted(string providerMessageId) => new(SmsSendOutcome.Accepted, providerMessageId);
    public static SmsSendResult Transient(string error) => new(SmsSendOutcome.TransientFailure, Error: error);
    public static SmsSendResult Permanent(string error) => new(SmsSendOutcome.PermanentFailure, Error: error);
}

/// <summary>A provider adapter. The outbox job calls it once per attempt; it must not throw for the provider's own failures.</summary>
public interface ISmsGateway
{
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct);
}

/// <summary>The default when no provider is configured: the message counts as sent here, is logged, and goes nowhere.</summary>
public sealed class LocalSmsGateway(ILogger<LocalSmsGateway> log) : ISmsGateway
{
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        log.LogInformation("SMS {Id} to {Mobile} ({Purpose}, {Reason}) kept locally: no provider is configured", message.Id, Phone.Mask(message.Mobile), message.Purpose, message.Reason);
        log.LogDebug("SMS {Id} text: {Body}", message.Id, message.Body);
        return Task.FromResult(SmsSendResult.Accepted($"local-{message.Id}"));
    }
}

/// <summary>
/// A provider reached over HTTP: <c>POST {Dcrc:Sms:Http:Url}</c> with JSON <c>{to, text, clientId}</c> and the
/// API key as a bearer token. 2xx with a message id (<c>id</c> or <c>messageId</c>) is accepted; 5xx, 408,
/// 429, timeouts and connection errors are transient; any other 4xx is permanent. <c>clientId</c> is the
/// store and the message's idempotency key, the same on every attempt, so the provider can drop a repeat.
/// </summary>
public sealed class HttpSmsGateway(HttpClient http, IOptions<SmsOptions> options, ILogger<HttpSmsGateway> log) : ISmsGateway
{
    public static string ClientId(SmsMessage message) => $"{message.StoreId}:{message.IdempotencyKey}";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        var o = options.Value.Http;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url)
        {
            Content = JsonContent.Create(new { to = message.Mobile, text = SmsRules.WithSignature(message.Body, o.Signature), clientId = ClientId(message) }),
        };
        if (!string.IsNullOrWhiteSpace(o.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                var id = MessageId(body);
                if (id != null) return SmsSendResult.Accepted(id);
                // Sent again with the same clientId, a provider that did take it drops the repeat.
                return SmsSendResult.Transient($"HTTP {status} without a message id");
            }
            var error = $"HTTP {status}: {SmsRules.Clip(Logging.Redact(body), 300)}";
            log.LogWarning("SMS {Id}: the provider answered {Status}", message.Id, status);
            return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? SmsSendResult.Transient(error) : SmsSendResult.Permanent(error);
        }
        catch (HttpRequestException ex)
        {
            log.LogWarning("SMS {Id}: the provider is unreachable ({Error})", message.Id, ex.Message);
            return SmsSendResult.Transient("unreachable: " + SmsRules.Clip(ex.Message, 300));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("SMS {Id}: the provider did not answer within {Seconds} s", message.Id, o.TimeoutSeconds);
            return SmsSendResult.Transient("timeout");
        }
    }

    private static string? MessageId(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in (string[])["id", "messageId"])
                if (doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    var text = v.ToString().Trim();
                    if (text.Length is > 0 and <= 100) return text;
                }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
