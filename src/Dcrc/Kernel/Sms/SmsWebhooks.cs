using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Sms;

/// <summary>
/// What the SMS provider calls: <c>POST /api/v1/sms/replies</c> and <c>POST /api/v1/sms/status</c>. Not user
/// endpoints: the caller proves itself with <c>X-Dcrc-Timestamp</c> and <c>X-Dcrc-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 of timestamp + "." + raw body keyed with <c>Dcrc:Sms:WebhookSecret</c> (<see cref="SignedWebhook"/>); a
/// timestamp more than <c>Dcrc:Sms:WebhookToleranceSeconds</c> (300) from now is refused. Without a configured secret every
/// call is refused.
/// </summary>
public static class SmsWebhooks
{
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
            .WithSummary("Provider webhook: an inbound SMS {from, text, receivedAt?, id?} (id or receivedAt required), signed: X-Dcrc-Timestamp (Unix seconds, within 5 minutes) and X-Dcrc-Signature: sha256=HMAC-SHA256(timestamp + \".\" + body)")
            .WithDescription("Matched to the newest message sent to that mobile within sms.replyMatchDays that is still waiting for a reply (a recorded reply is never replaced; with none waiting it is kept unmatched); TD/退订 records an opt-out for that message's purpose. A repeat (same id, or same from, text and receivedAt) is recorded once. 401 when the signature is missing or wrong or the timestamp stale.");
        sms.MapPost("status", Status).AllowAnonymous()
            .WithSummary("Provider webhook: a delivery report {providerMessageId, status: delivered|failed, at?, error?}, signed like the replies")
            .WithDescription("404 when no message has that provider id; repeats change nothing.");
    }

    public static async Task<Results<Ok<ReplyAck>, ValidationProblem, ProblemHttpResult>> Reply(HttpRequest request, SmsInbox inbox, StoreScope scope,
        IOptions<SmsOptions> options, ApiValidator validator, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var (input, invalid, unsigned) = await SignedWebhook.VerifiedAsync<ReplyInput>(request, options.Value.WebhookSecret, options.Value.WebhookToleranceSeconds, "Sms.WebhookRefused", validator, l, ct);
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
        IOptions<SmsOptions> options, ApiValidator validator, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        var (input, invalid, unsigned) = await SignedWebhook.VerifiedAsync<StatusInput>(request, options.Value.WebhookSecret, options.Value.WebhookToleranceSeconds, "Sms.WebhookRefused", validator, l, ct);
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
