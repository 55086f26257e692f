using Dcrc.Kernel.Api;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Features.Calls;

/// <summary>
/// Click-to-dial for users (<c>POST /api/v1/calls/dial</c>, <c>GET /api/v1/calls/dial/{id}</c>) and the telephony
/// system's report of how a dialled call ended (<c>POST /api/v1/calls/dial-status</c>, signed like its other pushes).
/// </summary>
public static class DialApi
{
    /// <summary>A dial attempt as its user sees it: the number masked, and the outcome its end suggests for the task.</summary>
    public sealed record DialDto(long Id, long CustomerId, long? CallbackTaskId, string Number, string Line, DialStatus Status, Callbacks.CallbackOutcome? SuggestedOutcome,
        DateTime RequestedAt, DateTime? EndedAt, string? Error);

    public sealed record DialInput(long? CustomerId, long? CallbackTaskId);

    public sealed record StatusAck(long Id, DialStatus Status, bool Duplicate);

    public static DialDto ToDto(DialAttempt a) => new(a.Id, a.CustomerId, a.CallbackTaskId, a.MaskedNumber, a.Line, a.Status, Dialer.SuggestedOutcome(a.Status),
        a.RequestedAt, a.EndedAt, a.Error);

    public static RouteGroupBuilder MapDialApi(this RouteGroupBuilder api)
    {
        api.MapPost("/calls/dial", Dial).RequireAuthorization(CallPermissions.Dial.Policy)
            .WithSummary("Click-to-dial {customerId, callbackTaskId?}: the telephony system rings the user's line and calls the customer's number in full; answered with the attempt, number masked (201)")
            .WithDescription("The customer of a callback task the user may see (open), or an archive the user may see. 400 naming line when the user sits on no line, customerId when the customer has no number; 404 when out of reach. The attempt ends as the telephony system reports it (status answered|busy|noAnswer|unreachable|failed), with the suggested outcome for the task.");
        api.MapGet("/calls/dial/{id:long}", Get).RequireAuthorization(CallPermissions.Dial.Policy).WithSummary("One of the user's dial attempts (number masked)");
        api.MapPost("/calls/dial-status", Status).AllowAnonymous()
            .WithSummary("Telephony webhook: a dialled call ended {requestId (ours) or callId (yours), status answered|busy|noAnswer|unreachable|failed}, signed like /calls/incoming; a repeat changes nothing (duplicate: true)");
        return api;
    }

    public static async Task<Results<Created<DialDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Dial(DialInput input, Dialer dialer,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await dialer.DialAsync(input.CustomerId, input.CallbackTaskId, ct)).ToApi(a => TypedResults.Created($"/api/v1/calls/dial/{a.Id}", ToDto(a)), l);

    public static async Task<Results<Ok<DialDto>, NotFound>> Get(long id, Dialer dialer) =>
        await dialer.FindAsync(id) is { } a ? TypedResults.Ok(ToDto(a)) : TypedResults.NotFound();

    public static async Task<IResult> Status(HttpRequest request, Dialer dialer, IOptions<TelephonyOptions> options, ApiValidator validator,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (input, invalid, unsigned) = await SignedWebhook.VerifiedAsync<DialStatusInput>(request, options.Value.WebhookSecret, options.Value.WebhookToleranceSeconds, "Calls.WebhookRefused", validator, l, ct);
        if (unsigned != null) return unsigned;
        if (invalid != null) return invalid;
        var (written, duplicate) = await dialer.ReportAsync(input!);
        return written.ToApi(a => TypedResults.Ok(new StatusAck(a.Id, a.Status, duplicate)), l);
    }
}
