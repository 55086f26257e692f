using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dcrc.Kernel;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Microsoft.Extensions.Options;

namespace Dcrc.Features.Calls;

/// <summary>What DCRC asks of the telephony system: ring <see cref="Line"/> (the agent's extension), then call <see cref="Number"/> in full.</summary>
public sealed record DialRequest(string RequestId, string Line, string Number, string Agent);

/// <summary>The telephony system's answer to a dial request: taken (with its call id, and the call's end when it knows it at once) or not.</summary>
public sealed record DialAnswer(bool Taken, string? ProviderCallId = null, DialStatus? Ended = null, string? Error = null);

/// <summary>A telephony adapter's outbound side; it must not throw for the telephony system's own failures.</summary>
public interface ITelephony
{
    Task<DialAnswer> DialAsync(DialRequest request, CancellationToken ct);
}

/// <summary>
/// The demo's telephony system, inside the app (<c>Dcrc:Telephony:Provider</c> = <c>local</c>, the default): it
/// takes every request and "places" the call at once, ending it by the number's last digit — 0 busy, 1 no answer,
/// 2 unreachable, any other answered — so each outcome can be tried on the demo. It keeps the last requests
/// (<see cref="Placed"/>) for the tests and logs the number masked.
/// </summary>
public sealed class LocalTelephony(ILogger<LocalTelephony> log) : ITelephony
{
    private readonly ConcurrentQueue<DialRequest> _placed = new();
    public IReadOnlyCollection<DialRequest> Placed => _placed;

    public static DialStatus EndOf(string number) => number[^1] switch
    {
        '0' => DialStatus.Busy,
        '1' => DialStatus.NoAnswer,
        '2' => DialStatus.Unreachable,
        _ => DialStatus.Answered,
    };

    public Task<DialAnswer> DialAsync(DialRequest request, CancellationToken ct)
    {
        _placed.Enqueue(request);
        while (_placed.Count > 100) _placed.TryDequeue(out _);
        log.LogInformation("Dial {Request}: line {Line} calls {Number} on the local telephony system", request.RequestId, request.Line, Phone.Mask(request.Number));
        return Task.FromResult(new DialAnswer(true, "local-" + request.RequestId, EndOf(request.Number)));
    }
}

/// <summary>
/// A telephony system reached over HTTP: <c>POST {Dcrc:Telephony:DialUrl}</c> with JSON
/// <c>{requestId, line, number, agent}</c>, signed as its pushes to DCRC are — <c>X-Dcrc-Timestamp</c> (Unix
/// seconds) and <c>X-Dcrc-Signature: sha256=HMAC-SHA256(timestamp + "." + body)</c> keyed with
/// <c>Dcrc:Telephony:WebhookSecret</c>. A 2xx answer (optionally <c>{callId}</c>) takes it; the call's end comes
/// later to <c>POST /api/v1/calls/dial-status</c>.
/// </summary>
public sealed class HttpTelephony(HttpClient http, IOptions<TelephonyOptions> options, TimeProvider clock, ILogger<HttpTelephony> log) : ITelephony
{
    public async Task<DialAnswer> DialAsync(DialRequest r, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookSecret)) return new(false, Error: "Dcrc:Telephony:WebhookSecret is not set");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { requestId = r.RequestId, line = r.Line, number = r.Number, agent = r.Agent });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.DialUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(SignedWebhook.TimestampHeader, timestamp);
        request.Headers.Add(SignedWebhook.SignatureHeader, SignedWebhook.Sign(timestamp, body, o.WebhookSecret));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode) return new(true, CallId(text));
            log.LogWarning("Dial {Request}: the telephony system answered {Status}", r.RequestId, (int)response.StatusCode);
            return new(false, Error: $"HTTP {(int)response.StatusCode}: {Clip(Logging.Redact(text))}");
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("Dial {Request}: the telephony system is unreachable ({Error})", r.RequestId, e.Message);
            return new(false, Error: "unreachable: " + Clip(e.Message));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, Error: "timeout");
        }
    }

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200];

    private static string? CallId(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("callId", out var v)
                && v.ValueKind is JsonValueKind.String or JsonValueKind.Number && v.ToString().Trim() is { Length: > 0 and <= 100 } id ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
