using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary><c>/api/v1/leads</c>: everything the lead pages do.</summary>
public static class LeadsApi
{
    public sealed record LeadDto(LeadLine Line, Kernel.Identifiers.Gender Gender, string? Region, string? Budget, PurchaseTiming PurchaseTiming, PaymentMethod Payment,
        string? CompetingBrands, bool TradeIn, string? TradeInNote, DateTime? VisitAt, int? VisitMinutes, string? Companions, string? Needs, DateTime? ContactedAt,
        DateTime? VisitedAt, DateTime? TestDriveAt, DateTime? OrderedAt, DateTime? ClosedAt, DateTime? LateSince, string? OemLeadNumber, LeadFeedback? Feedback,
        string? FeedbackRemark, string? FeedbackBy, DateTime? OemCheckedAt, DateTime? PlannedDeliveryAt, DateTime? DeliveryFirstReminderAt, DateTime? DeliverySecondReminderAt, bool? OemFeedbackTrue, bool? OemInfoAccurate, bool? OemOffered, TransferReason? TransferReason,
        LostReason? LostReason, string? LostCompetitor, string? LostNote, string? LostApprovedBy);
    public sealed record AttemptDto(long Id, DateTime At, int? Slot, LeadFeedback Result, string? Remark, string ConsultantName, DateOnly? NextFollowUpOn);
    public sealed record EventDto(DateTime At, LeadEventKind Kind, string? By, string? Note, string Text);
    public sealed record ClockDto(LeadLimit Limit, LimitStatus Status, DateTime? DueAt, DateTime? WarnAt, bool Breached, DateTime? BreachedAt, int Level);
    public sealed record DetailDto(LeadDto Lead, IReadOnlyList<AttemptDto> Attempts, IReadOnlyList<EventDto> Events, IReadOnlyList<ClockDto> Clocks);

    public static LeadDto ToDto(Lead x) => new(LeadViews.LineOf(x), x.Gender, x.Region, x.Budget, x.PurchaseTiming, x.Payment, x.CompetingBrands, x.TradeIn,
        x.TradeInNote, x.VisitAt, x.VisitMinutes, x.Companions, x.Needs, x.ContactedAt, x.VisitedAt, x.TestDriveAt, x.OrderedAt, x.ClosedAt, x.LateSince, x.OemLeadNumber,
        x.Feedback, x.FeedbackRemark, x.FeedbackBy, x.OemCheckedAt, x.PlannedDeliveryAt, x.DeliveryFirstReminderAt, x.DeliverySecondReminderAt, x.OemFeedbackTrue, x.OemInfoAccurate, x.OemOffered, x.TransferReason, x.LostReason, x.LostCompetitor,
        x.LostNote, x.LostApprovedBy);

    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        var read = LeadPermissions.Read.Policy;
        api.MapGet("/leads", List).RequireAuthorization(read)
            .WithSummary("Leads you may see, newest first: q (XS number, mobile, last four digits, name), state, level, source, consultant (user id), late, open, from/to (created, store dates), batchId; page, pageSize");
        api.MapPost("/leads", Create).RequireAuthorization(LeadPermissions.Create.Policy)
            .WithSummary("Record a lead (潜在客户信息收集表): name, mobile, gender, region, series, model, intentLevel, budget, purchaseTiming, payment, competingBrands, tradeIn, tradeInNote, visitAt, visitMinutes, companions, needs, source (not oemBatch: batches are imported), consultantUserId, storeId; 400 per field, 409 with the open lead of the same mobile");
        api.MapPost("/leads/visits", Visit).RequireAuthorization(LeadPermissions.Create.Policy)
            .WithSummary("Record a showroom visit (来店登记): mobile, name (for a new visitor), arrivedAt, leftAt, partySize, model, intentLevel, consultantUserId, testDrive, storeId; the open lead of the mobile gets it or a walk-in lead is recorded; opens the DCRC's visit callback (within leads.visitCallbackHours of leaving) and queues the thank-you SMS (consent checked); 400 per field, 409 never (the open lead is used)");
        api.MapGet("/leads/{id:long}", Get).RequireAuthorization(read).WithSummary("A lead with its attempts, timeline and clocks (first contact, OEM feedback, follow-up)");
        api.MapPut("/leads/{id:long}", Edit).RequireAuthorization(read)
            .WithSummary("Correct the record of an open lead: the fields of the create (mobile and visitAt omitted: kept), and version (required); its consultant or reception and the managers; the changed fields on its timeline; 400 per field, 403, 409 stale or with the open lead of a new mobile");
        api.MapPost("/leads/{id:long}/attempts", Attempt).RequireAuthorization(read)
            .WithSummary("Record a follow-up attempt: result (noAnswer, busy, or the feedback), at, remark (required for unreachable and other), consultantName, nextFollowUpOn, intentLevel, version; unreachable only after the failed calls in different slots the store requires; 400, 403, 409 stale");
        api.MapPost("/leads/{id:long}/assign", Assign).RequireAuthorization(LeadPermissions.Assign.Policy)
            .WithSummary("Give the lead to a consultant (or another one): consultantUserId, note, version; logged, both told");
        api.MapPost("/leads/{id:long}/claim", Claim).RequireAuthorization(LeadPermissions.Follow.Policy)
            .WithSummary("Claim a lead from the pool (or a lost lead that kept an interest): version as read; 409 when another consultant claimed it first; 400 over the day's limit");
        api.MapPost("/leads/{id:long}/lost", Lost).RequireAuthorization(LeadPermissions.Follow.Policy)
            .WithSummary("Declare the lead lost (战败): reason (price, service, product, competitor, other), competitor (required for competitor), note (required for other), keepsInterest, version; waits for the sales manager");
        api.MapPost("/leads/{id:long}/lost/decision", Decide).RequireAuthorization(LeadPermissions.ApproveLost.Policy)
            .WithSummary("The sales manager's decision on a lost lead: approve (true/false), note (required to refuse), version");
        api.MapPost("/leads/{id:long}/convert", Convert).RequireAuthorization(read)
            .WithSummary("The lead ordered: a draft archive is made from it through the archive (or it links to the archive customer of its mobile); closed as ordered; version; 403 not your lead, 400 not now, 409 stale");
        api.MapPost("/leads/{id:long}/delivery", Delivery).RequireAuthorization(read)
            .WithSummary("The planned delivery of an ordered lead: plannedAt (in the future, within a year), version; the customer is reminded by SMS leads.deliveryFirstReminderHours and leads.deliverySecondReminderHours before it, the consultant told");
        api.MapPost("/leads/{id:long}/unmask", Unmask).RequireAuthorization(Customers.CustomerPermissions.Unmask.Policy)
            .WithSummary("The lead's mobile in full (audited)");
        api.MapGet("/leads/pool", Pool).RequireAuthorization(read)
            .WithSummary("The store's pool (公海), oldest first; lost=true adds the lost leads kept for campaigns; page, pageSize");
        api.MapGet("/leads/day", Day).RequireAuthorization(read)
            .WithSummary("The consultant's day: your due and overdue follow-ups, and each consultant's counts (due, overdue, new, followed today against the target, late) — everyone's for the sales manager, DCRC and the GM; storeId when you have several stores");
        return api.MapLeadBatchesApi();
    }

    public static async Task<Results<Ok<Paged<LeadLine>>, ValidationProblem>> List(LeadViews views, ApiValidator validator, IStringLocalizer<SharedResource> l,
        string? q = null, LeadState? state = null, string? level = null, LeadSource? source = null, string? consultant = null, bool? late = null, bool? open = null,
        DateOnly? from = null, DateOnly? to = null, long? batchId = null, int page = 1, int pageSize = 50)
    {
        if (from is { } f && to is { } t && t < f) return validator.Problem("to", l["Validation.InvalidValue", l["Field.ToDate"]]);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var (items, total) = await views.PageAsync(new LeadFilter(q, state, level, source, consultant, late, open == true, from, to, batchId), page, pageSize);
        return TypedResults.Ok(new Paged<LeadLine>(items, page, pageSize, total));
    }

    public static async Task<IResult> Create(LeadInput input, LeadDesk desk, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        // The attributes' errors go with the desk's own checks, so one answer names every bad field.
        return (await desk.CreateAsync(input, checkedErrors: validator.Validate(input))).ToApi(x => TypedResults.Created($"/api/v1/leads/{x.Id}", ToDto(x)), l);
    }

    public static async Task<IResult> Edit(long id, LeadInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        await (await desk.EditAsync(id, input, validator.Validate(input))).ToApiAsync(async x => TypedResults.Ok(await cards.DetailAsync(x)), l);

    public sealed record VisitDto(long Id, long LeadId, string LeadNumber, DateTime ArrivedAt, DateTime? LeftAt, int PartySize, string? Model, string? ConsultantName,
        bool TestDrive, long? CallbackTaskId, long? SmsMessageId);

    public static VisitDto ToDto(LeadVisit v) => new(v.Id, v.LeadId, Lead.NumberOf(v.LeadId), v.ArrivedAt, v.LeftAt, v.PartySize, v.Model, v.ConsultantName, v.TestDrive,
        v.CallbackTaskId, v.SmsMessageId);

    public static async Task<IResult> Visit(VisitInput input, LeadDesk desk, Callbacks.CallbackOpenings callbacks, Kernel.Sms.SmsOutbox outbox, ApiValidator validator,
        IStringLocalizer<SharedResource> l) =>
        (await desk.VisitAsync(input, callbacks, outbox, validator.Validate(input))).ToApi(v => TypedResults.Created($"/api/v1/leads/{v.LeadId}", ToDto(v)), l);

    public static async Task<Results<Ok<DetailDto>, NotFound>> Get(long id, LeadDesk desk, LeadCards cards)
    {
        var lead = await desk.FindAsync(id);
        return lead is null ? TypedResults.NotFound() : TypedResults.Ok(await cards.DetailAsync(lead));
    }

    public static async Task<IResult> Attempt(long id, AttemptInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.AttemptAsync(id, input)).ToApiAsync(async _ => TypedResults.Ok(await cards.DetailAsync((await desk.FindAsync(id))!)), l);
    }

    public static Task<IResult> Assign(long id, AssignInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.AssignAsync(id, input), cards, validator, l);

    public static Task<IResult> Claim(long id, VersionInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.ClaimAsync(id, input), cards, validator, l);

    public static Task<IResult> Convert(long id, VersionInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.ConvertAsync(id, input), cards, validator, l);

    public static Task<IResult> Delivery(long id, DeliveryInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.PlanDeliveryAsync(id, input), cards, validator, l);

    public static Task<IResult> Lost(long id, LostInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.DeclareLostAsync(id, input), cards, validator, l);

    public static Task<IResult> Decide(long id, LostDecisionInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        WriteAsync(validator.Validate(input), () => desk.DecideLostAsync(id, input), cards, validator, l);

    private static async Task<IResult> WriteAsync(Dictionary<string, string[]> errors, Func<Task<Written<Lead>>> write, LeadCards cards, ApiValidator validator, IStringLocalizer l)
    {
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await write()).ToApiAsync(async x => TypedResults.Ok(await cards.DetailAsync(x)), l);
    }

    public static async Task<Results<Ok<string>, NotFound>> Unmask(long id, LeadViews views) =>
        await views.UnmaskAsync(id) is { } mobile ? TypedResults.Ok(mobile) : TypedResults.NotFound();

    public static async Task<Ok<Paged<LeadLine>>> Pool(LeadViews views, bool? lost = null, int page = 1, int pageSize = 50)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var (items, total) = await views.PoolAsync(lost == true, page, pageSize);
        return TypedResults.Ok(new Paged<LeadLine>(items, page, pageSize, total));
    }

    /// <param name="Due">A page of the user's due and overdue follow-ups (overdue first); <paramref name="DueTotal"/> in all.</param>
    public sealed record DayDto(DateOnly Today, IReadOnlyList<LeadLine> Due, int DueTotal, int Page, int PageSize, IReadOnlyList<ConsultantDay> Consultants);

    public static async Task<Results<Ok<DayDto>, ValidationProblem>> Day(LeadViews views, Kernel.Access.CurrentUser me, Kernel.Access.StoreScope scope,
        Customers.CustomerArchive archive, Kernel.Time.StoreClock clock, ApiValidator validator, IStringLocalizer<SharedResource> l, int? storeId = null, int page = 1, int pageSize = 50)
    {
        var store = storeId ?? scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);
        if (store is not { } s || !scope.CanSee(s)) return validator.Problem("storeId", l["Validation.Required", l["Field.Store"]]);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var today = await clock.TodayAsync(s);
        var everyone = (await archive.ViewerAsync()).Scope >= Kernel.Access.DataScope.Department;
        var days = await views.DaysAsync(s, everyone ? null : me.Id);
        var (due, total) = await views.DueAsync(s, today, page, pageSize, LeadViews.DueOf(days, me.Id));
        return TypedResults.Ok(new DayDto(today, due, total, page, pageSize, days));
    }
}
