using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Api;

/// <summary>
/// Webhooks called by outside systems (the SMS provider, the telephony system) rather than by users: the caller proves
/// itself with <c>X-Dcrc-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw request body keyed with a secret
/// configured for that system. Without a configured secret every call is refused.
/// </summary>
public static class SignedWebhook
{
    public const string SignatureHeader = "X-Dcrc-Signature";
    public const int MaxBodyBytes = 64 * 1024;

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The header carries the body's HMAC under the configured secret (compared in constant time).</summary>
    public static bool IsSigned(ReadOnlySpan<byte> body, string? header, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(header)) return false;
        var h = header.Trim();
        if (!h.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] given;
        try { given = Convert.FromHexString(h[7..]); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

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
    /// <paramref name="secret"/> (checked before the body is parsed), 400 when it is too large or invalid.
    /// </summary>
    public static async Task<(T? Input, ValidationProblem? Invalid, ProblemHttpResult? Unsigned)> VerifiedAsync<T>(HttpRequest request, string? secret,
        string refusedMessageKey, ApiValidator validator, IStringLocalizer l, CancellationToken ct) where T : class
    {
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return (null, validator.Problem("", l["Validation.Body"]), null);
        if (!IsSigned(body, request.Headers[SignatureHeader], secret))
            return (null, null, TypedResults.Problem(l[refusedMessageKey], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]));
        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        T? input;
        try { input = JsonSerializer.Deserialize<T>(body, json); }
        catch (JsonException) { input = null; }
        var errors = validator.Validate(input);
        return errors.Count > 0 ? (null, validator.Problem(errors), null) : (input, null, null);
    }
}
