using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Api;

/// <summary>
/// Webhooks called by outside systems (the SMS provider, the telephony system) rather than by users: the caller proves
/// itself with <c>X-Dcrc-Timestamp: &lt;Unix seconds&gt;</c> and <c>X-Dcrc-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 of <c>timestamp + "." + raw body</c> keyed with a secret configured for that system. A timestamp further
/// than the system's tolerance (5 minutes by default) from now is refused, so a captured request cannot be replayed
/// later; within it, each feature de-duplicates on the sender's own id. Without a configured secret every call is refused.
/// </summary>
public static class SignedWebhook
{
    public const string SignatureHeader = "X-Dcrc-Signature";
    public const string TimestampHeader = "X-Dcrc-Timestamp";
    public const int MaxBodyBytes = 64 * 1024;
    public const int DefaultToleranceSeconds = 300;

    private static byte[] Signed(string timestamp, ReadOnlySpan<byte> body) => [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];

    public static string Sign(string timestamp, ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(timestamp, body)));

    /// <summary>The header carries the HMAC of timestamp + "." + body under the configured secret (compared in constant time).</summary>
    public static bool IsSigned(string? timestamp, ReadOnlySpan<byte> body, string? header, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(header) || string.IsNullOrWhiteSpace(timestamp)) return false;
        var h = header.Trim();
        if (!h.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] given;
        try { given = Convert.FromHexString(h[7..]); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(timestamp.Trim(), body)));
    }

    /// <summary>The timestamp (Unix seconds) is no further than <paramref name="tolerance"/> from <paramref name="now"/>, either way.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, TimeSpan tolerance) =>
        long.TryParse(timestamp?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds <= 253_402_300_799 // 9999-12-31
        && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= tolerance;

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The verified body as <typeparamref name="T"/>, or the answer refusing the call: 401 when it is not signed with
    /// <paramref name="secret"/> or its timestamp is more than <paramref name="toleranceSeconds"/> from now (the injected
    /// clock) — both checked before the body is parsed —, 400 when it is too large or invalid.
    /// </summary>
    public static async Task<(T? Input, ValidationProblem? Invalid, ProblemHttpResult? Unsigned)> VerifiedAsync<T>(HttpRequest request, string? secret,
        int toleranceSeconds, string refusedMessageKey, ApiValidator validator, IStringLocalizer l, CancellationToken ct) where T : class
    {
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return (null, validator.Problem("", l["Validation.Body"]), null);
        string? timestamp = request.Headers[TimestampHeader];
        var now = request.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!IsSigned(timestamp, body, request.Headers[SignatureHeader], secret) || !IsFresh(timestamp, now, TimeSpan.FromSeconds(Math.Max(1, toleranceSeconds))))
            return (null, null, TypedResults.Problem(l[refusedMessageKey], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]));
        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        T? input;
        try { input = JsonSerializer.Deserialize<T>(body, json); }
        catch (JsonException) { input = null; }
        var errors = validator.Validate(input);
        return errors.Count > 0 ? (null, validator.Problem(errors), null) : (input, null, null);
    }
}
