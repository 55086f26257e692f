using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Features.Calls;

/// <summary>
/// The call log for users (<c>/api/v1/calls</c>, bearer token) and the telephony system's pushes
/// (<c>/api/v1/calls/incoming</c>, <c>/api/v1/calls/missed</c>), which carry no user token but a timestamp
/// (<c>X-Dcrc-Timestamp</c>, within <c>Dcrc:Telephony:WebhookToleranceSeconds</c>) and the HMAC of timestamp + "." + body
/// under <c>Dcrc:Telephony:WebhookSecret</c> in <c>X-Dcrc-Signature</c> (<see cref="SignedWebhook"/>).
/// </summary>
public static class CallsApi
{
    public sealed record CallDto(long Id, int StoreId, DateTime At, string Number, string? CallerName, string? Line, CallDirection Direction, bool Missed,
        CallPurpose? Purpose, string? Content, string? Handling, string? HandledBy, string? HandledByName, DateTime? LoggedAt, bool CallbackOwed,
        DateTime? PromisedCallbackAt, long? CallbackTaskId, long? CustomerId, long? VehicleId, long? InteractionId, ComplaintCategory? ComplaintCategory,
        long? ComplaintId, string? ComplaintNumber, int Version);

    public sealed record RowDto(long Id, int StoreId, DateTime At, string Number, string? CallerName, string? Line, bool Missed, CallPurpose? Purpose,
        string? Content, string? Handling, string? HandledByName, bool CallbackOwed, DateTime? PromisedCallbackAt, long? CallbackTaskId, long? CustomerId,
        string? CustomerName, long? ComplaintId, string? ComplaintNumber, int Version);

    /// <summary>What the telephony system gets back: the call-log entry, the caller's archive if known, the call-back task of a missed call, and whether an agent sits on the line.</summary>
    public sealed record Ack(long CallId, long? CustomerId, long? CallbackTaskId, bool AgentOnLine, bool Duplicate);

    public static CallDto ToDto(CallLog c) => new(c.Id, c.StoreId, c.At, Phone.Mask(c.Number), c.CallerName, c.Line, c.Direction, c.Missed, c.Purpose, c.Content,
        c.Handling, c.HandledBy, c.HandledByName, c.LoggedAt, c.CallbackOwed, c.PromisedCallbackAt, c.CallbackTaskId, c.CustomerId, c.VehicleId, c.InteractionId,
        c.ComplaintCategory, c.ComplaintId, NumberOf(c.ComplaintId), c.Version);

    /// <summary>The case a call opened, by its number (TS000240).</summary>
    private static string? NumberOf(long? complaintId) => complaintId is { } id ? Kernel.Cases.CaseNumber.Of(id) : null;

    public static RouteGroupBuilder MapCallsApi(this RouteGroupBuilder api)
    {
        var desk = CallPermissions.Desk.Policy;
        api.MapGet("/calls", List).RequireAuthorization(desk)
            .WithSummary("The call log (顾客来电记录表) of the user's stores (the chosen one), from/to as store-local dates (default today), newest first, numbers masked");
        api.MapPost("/calls", Log).RequireAuthorization(desk)
            .WithSummary("Log a call: number (or callId of a ringing/missed call, with its version), purpose inquiry|appointment|complaint|suggestion|rescue|other, callerName, content, handling, callbackOwed, promisedCallbackAt, customerId, vehicleId, at; 400 per field")
            .WithDescription("The caller's archive is linked (the customer given, or the only one the number belongs to) and the call is written into it as an interaction; a call-back owed makes a task in the callback queue, due at the promised time or within calls.callbackOwedHours working hours.");
        api.MapGet("/calls/{id:long}", Get).RequireAuthorization(desk).WithSummary("One call-log entry (number masked)");
        api.MapPost("/calls/incoming", Incoming).AllowAnonymous()
            .WithSummary("Telephony webhook: a call rings {providerCallId, number, line, at?, missed?, callerName?}, with X-Dcrc-Timestamp (Unix seconds, within 5 minutes) and X-Dcrc-Signature: sha256=HMAC-SHA256(timestamp + \".\" + body) keyed with Dcrc:Telephony:WebhookSecret")
            .WithDescription("Recorded for the line's store, with the caller's archive only when exactly one customer the agent on the line may see has the number, once per providerCallId (a retry or replay answers the same call with duplicate: true); the agent on the line sees the caller's card pop on their open call desk. With missed: true (or a later POST /calls/missed) it becomes a call-back task due within calls.missedCallHours working hours. 400 for an unknown line or without providerCallId, 401 when the signature is missing or wrong or the timestamp stale.");
        api.MapPost("/calls/missed", Missed).AllowAnonymous()
            .WithSummary("Telephony webhook: a call was not answered {number, line, at?, providerCallId?}, signed like /calls/incoming; the call that rang (the one of providerCallId, else the last from that number on that line within two hours) becomes missed (a repeat changes nothing) with a call-back task");
        return api;
    }

    public static async Task<Results<Ok<Paged<RowDto>>, ValidationProblem>> List(CallDesk calls, ApiValidator validator, IStringLocalizer<SharedResource> l,
        DateOnly? from = null, DateOnly? to = null, int page = 1, int pageSize = 50)
    {
        var today = await calls.TodayAsync();
        var (f, t) = (from ?? to ?? today, to ?? from ?? today);
        if (t < f || t.DayNumber - f.DayNumber > 366) return validator.Problem("to", l["Validation.InvalidValue", l["Field.ToDate"]]);
        var rows = await calls.ListAsync(f, t, Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        return TypedResults.Ok(new Paged<RowDto>(rows.Items.Select(r => new RowDto(r.Id, r.StoreId, r.At, r.Number, r.CallerName, r.Line, r.Missed, r.Purpose, r.Content,
            r.Handling, r.HandledByName, r.CallbackOwed, r.PromisedCallbackAt, r.CallbackTaskId, r.CustomerId, r.CustomerName, r.ComplaintId, NumberOf(r.ComplaintId), r.Version)).ToList(),
            rows.Page, rows.PageSize, rows.Total));
    }

    public static async Task<IResult> Log(CallInput input, CallDesk calls, ApiValidator validator, IStringLocalizer<SharedResource> l,
        Customers.CustomerArchive archive, Data.DcrcDb db)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        // Filling in a reported call changes it: with the version read.
        if (input.CallId is not null && Versioned.Missing(input.Version, l) is { } unversioned) return validator.Problem(unversioned);
        return await (await calls.LogAsync(input)).ToApiAsync(async c => TypedResults.Created($"/api/v1/calls/{c.Id}", await ShownAsync(c, archive, db)), l);
    }

    public static async Task<Results<Ok<CallDto>, NotFound>> Get(long id, CallDesk calls, Customers.CustomerArchive archive, Data.DcrcDb db) =>
        await calls.FindAsync(id) is { } call ? TypedResults.Ok(await ShownAsync(call, archive, db)) : TypedResults.NotFound();

    /// <summary>The call as its viewer may see it: the caller's typed name follows the class-A rule of the linked customer.</summary>
    private static async Task<CallDto> ShownAsync(CallLog call, Customers.CustomerArchive archive, Data.DcrcDb db)
    {
        var customerClass = call.CustomerId is { } id
            ? await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => (Customers.CustomerClass?)c.Class).FirstOrDefaultAsync()
            : null;
        return ToDto(call) with { CallerName = (await archive.ViewerAsync()).ShownTyped(call.CallerName, customerClass) };
    }

    public static async Task<IResult> Incoming(HttpRequest request, CallDesk calls, IOptions<TelephonyOptions> options, ApiValidator validator,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (input, invalid, unsigned) = await SignedWebhook.VerifiedAsync<IncomingCallInput>(request, options.Value.WebhookSecret, options.Value.WebhookToleranceSeconds, "Calls.WebhookRefused", validator, l, ct);
        if (unsigned != null) return unsigned;
        if (invalid != null) return invalid;
        return Answer(await calls.ReceiveAsync(input!), validator);
    }

    public static async Task<IResult> Missed(HttpRequest request, CallDesk calls, IOptions<TelephonyOptions> options, ApiValidator validator,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (input, invalid, unsigned) = await SignedWebhook.VerifiedAsync<MissedCallInput>(request, options.Value.WebhookSecret, options.Value.WebhookToleranceSeconds, "Calls.WebhookRefused", validator, l, ct);
        if (unsigned != null) return unsigned;
        if (invalid != null) return invalid;
        return Answer(await calls.MissedAsync(input!), validator);
    }

    private static IResult Answer(CallDesk.Reported r, ApiValidator validator) =>
        r.Errors.Count > 0 ? validator.Problem(r.Errors)
            : TypedResults.Ok(new Ack(r.Call!.Id, r.Call.CustomerId, r.Call.CallbackTaskId, r.AgentId is not null, r.Duplicate));
}
