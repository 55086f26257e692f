using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Sms;

/// <summary>
/// What the SMS provider calls: <c>POST /api/v1/sms/replies</c> and <c>POST /api/v1/sms/status</c>. Not user
/// endpoints: the caller proves itself with <c>X-Dcrc-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the
/// raw request body keyed with <c>Dcrc:Sms:WebhookSecret</c>. Without a configured secret every call is refused.
/// </summary>
public static class SmsWebhooks
{
    public const string SignatureHeader = "X-Dcrc-Signature";
    private const int MaxBodyBytes = 64 * 1024;

    public sealed record ReplyInput(
        [property: Required, Display(Name = "Sms.Field.From")] string? From,
        [property: Required, MaxLength(1000), Display(Name = "Sms.Field.Text")] string? Text,
        [property: Display(Name = "Sms.Field.ReceivedAt")] DateTimeOffset? ReceivedAt,
        [property: MaxLength(100), Display(Name = "Sms.Field.ReplyId")] string? Id);

    public sealed record StatusInput(
        [property: Required, MaxLength(100), Display(Name = "Sms.Field.ProviderMessageId")] string? ProviderMessageId,
        [property: Required, Display(Name = "Sms.Field.Status")] string? Status,
        [property: Display(Name = "Sms.Field.At")] DateTimeOffset? At,
        [property: MaxLength(500), Display(Name = "Sms.Field.Error")] string? Error);

    public sealed record ReplyAck(long ReplyId, long? MessageId, bool OptOut, bool Duplicate);
    public sealed record StatusAck(long MessageId, SmsStatus Status);

    public static void Map(RouteGroupBuilder sms)
    {
        sms.MapPost("replies", Reply).AllowAnonymous()
            .WithSummary("Provider webhook: an inbound SMS {from, text, receivedAt?, id?} (id or receivedAt required), signed with X-Dcrc-Signature: sha256=HMAC-SHA256(body)")
            .WithDescription("Matched to the latest message sent to that mobile within sms.replyMatchDays; TD/退订 records an opt-out for that message's purpose. A repeat (same id, or same from, text and receivedAt) is recorded once. 401 when the signature is missing or wrong.");
        sms.MapPost("status", Status).AllowAnonymous()
            .WithSummary("Provider webhook: a delivery report {providerMessageId, status: delivered|failed, at?, error?}, signed like the replies")
            .WithDescription("404 when no message has that provider id; repeats change nothing.");
    }

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

    /// <summary>The verified body as <typeparamref name="T"/>, or the answer refusing the call (invalid, or not signed).</summary>
    private static async Task<(T? Input, ValidationProblem? Invalid, ProblemHttpResult? Unsigned)> VerifiedAsync<T>(HttpRequest request, IOptions<SmsOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ApiValidator validator, IStringLocalizer l, CancellationToken ct) where T : class
    {
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return (null, validator.Problem("", l["Validation.Body"]), null);
        if (!IsSigned(body, request.Headers[SignatureHeader], options.Value.WebhookSecret))
            return (null, null, TypedResults.Problem(l["Sms.WebhookRefused"], statusCode: StatusCodes.Status401Unauthorized, title: l["Problem.Unauthorized"]));
        T? input;
        try { input = JsonSerializer.Deserialize<T>(body, json.Value.SerializerOptions); }
        catch (JsonException) { input = null; }
        var errors = validator.Validate(input);
        return errors.Count > 0 ? (null, validator.Problem(errors), null) : (input, null, null);
    }

    public static async Task<Results<Ok<ReplyAck>, ValidationProblem, ProblemHttpResult>> Reply(HttpRequest request, SmsInbox inbox, StoreScope scope,
        IOptions<SmsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ApiValidator validator, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var (input, invalid, unsigned) = await VerifiedAsync<ReplyInput>(request, options, json, validator, l, ct);
        if (unsigned != null) return unsigned;
        if (invalid != null) return invalid;
        var from = Phone.CheckMobile(input!.From);
        if (!from.Ok) return validator.Problem("from", l[from.ErrorKey!, l["Sms.Field.From"]]);
        if (string.IsNullOrWhiteSpace(input.Id) && input.ReceivedAt is null) return validator.Problem("receivedAt", l["Sms.ReplyIdOrTime"]);
        scope.AllowAll(null); // the provider's call concerns any store
        var result = await inbox.ReceiveReplyAsync(from.Value!, input.Text!, input.ReceivedAt?.UtcDateTime, input.Id, ct);
        return TypedResults.Ok(new ReplyAck(result.Reply.Id, result.Reply.MessageId, result.Reply.OptOut, result.Duplicate));
    }

    public static async Task<Results<Ok<StatusAck>, ValidationProblem, ProblemHttpResult>> Status(HttpRequest request, SmsInbox inbox, StoreScope scope,
        IOptions<SmsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ApiValidator validator, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var (input, invalid, unsigned) = await VerifiedAsync<StatusInput>(request, options, json, validator, l, ct);
        if (unsigned != null) return unsigned;
        if (invalid != null) return invalid;
        var status = input!.Status!.Trim().ToLowerInvariant();
        if (status is not ("delivered" or "failed")) return validator.Problem("status", l["Validation.InvalidValue", l["Sms.Field.Status"]]);
        scope.AllowAll(null);
        var message = await inbox.ReceiveStatusAsync(input.ProviderMessageId!.Trim(), status == "delivered", input.At?.UtcDateTime, input.Error, ct);
        if (message is null)
            return TypedResults.Problem(l["Sms.UnknownProviderMessage"], statusCode: StatusCodes.Status404NotFound, title: l["Problem.NotFound"]);
        return TypedResults.Ok(new StatusAck(message.Id, message.Status));
    }
}
