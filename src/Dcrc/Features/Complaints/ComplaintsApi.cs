using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Deadlines;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

public static class ComplaintsApi
{
    public sealed record LimitDto(ComplaintLimit Limit, LimitStatus Status, DateTime? DueAt, double RemainingMinutes, bool Breached, DateTime? BreachedAt, int Level);
    /// <summary>One line of the timeline: a step (<c>action</c>) or a limit's warning, breach or escalation (<c>system</c>, <c>limit</c>, <c>level</c>), with <c>text</c> saying it in the caller's language.</summary>
    public sealed record EventDto(DateTime At, ComplaintAction? Action, string? System, ComplaintLimit? Limit, int? Level, ComplaintState? From, ComplaintState? To,
        string? By, string? Note, string Text);
    public sealed record ComplaintDto(long Id, string Number, int StoreId, ComplaintChannel Channel, DateTime ReceivedAt, string? ReceivedBy, long CustomerId, long? VehicleId,
        string? ContactName, ComplaintCategory Category, ComplaintSeverity Severity, bool Emergency, string Description, string? Request, int CustomerComplaintNumber,
        ComplaintState State, bool Paused, int? DepartmentId, string? ResponsibleUserId, string? ResponsibleName, string? Cause, string? Solution, string? Measures,
        string? Result, CompensationType Compensation, decimal? CompensationAmount, DateOnly? OemEscalatedOn, DateOnly? EngineerAppraisalOn, string? CustomerOpinion,
        string? ClosingSummary, string? FollowUpNote, DateTime? ClosedAt, long? SatisfactionTaskId, int Reopened, int Version);
    public sealed record DetailDto(ComplaintDto Case, IReadOnlyList<LimitDto> Limits, IReadOnlyList<EventDto> Events, IReadOnlyList<ComplaintAction> Actions);

    /// <summary>The case as <paramref name="shown"/> lets its viewer see it (class-A names masked).</summary>
    public static ComplaintDto ToDto(Complaint c, ComplaintNames.Shown shown) => new(c.Id, c.Number, c.StoreId, c.Channel, c.ReceivedAt, c.ReceivedByName, c.CustomerId, c.VehicleId, shown.Contact(c),
        c.Category, c.Severity, c.Emergency, c.Description, c.Request, c.CustomerComplaintNumber, c.State, c.Paused, c.DepartmentId, c.ResponsibleUserId, c.ResponsibleName,
        c.Cause, c.Solution, c.Measures, c.Result, c.Compensation, c.CompensationAmount, c.OemEscalatedOn, c.EngineerAppraisalOn, c.CustomerOpinion, c.ClosingSummary,
        c.FollowUpNote, c.ClosedAt, c.SatisfactionTaskId, c.Reopened, c.Version);

    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/complaints", List).RequireAuthorization(ComplaintPermissions.Read.Policy)
            .WithSummary("Cases, newest first: open=true for open ones; q = case number or customer name; state, category, from/to (received, store dates)");
        api.MapGet("/complaints/statistics", Statistics).RequireAuthorization(ComplaintPermissions.Read.Policy)
            .WithSummary("Statistics of the week, month, quarter or year containing date (default today): totals, by category, department, person responsible and handling, and the cases (page, pageSize; linesTotal)");
        api.MapPost("/complaints", Create).RequireAuthorization(ComplaintPermissions.Handle.Policy)
            .WithSummary("Take in a complaint: customerId (from the archive), channel, category, severity, emergency, description, request; 400 per field");
        api.MapGet("/complaints/{id:long}", Get).RequireAuthorization(ComplaintPermissions.Read.Policy)
            .WithSummary("A case with its limits (due, remaining, breached, escalation level), its timeline and the steps open to you");
        api.MapPost("/complaints/{id:long}/steps/{action}", Step).RequireAuthorization(ComplaintPermissions.Read.Policy)
            .WithSummary("Do a step: judgeValid, judgeInvalid (note, customerOpinion), dispatch (departmentId, responsibleUserId), propose (solution, compensation, compensationAmount), reportResult (result, cause, measures, oemEscalatedOn, engineerAppraisalOn), approve, gmApprove, reject (note), accept (customerOpinion), close (closingSummary), followUp (note), reopen (note), pause (note), resume, and the managers' urge, redispatch, takeOver (as at their own endpoints); every step with the case's version as read (400 naming version without one); 403 when not yours to do, 400 when not now, 409 when stale");
        api.MapPost("/complaints/{id:long}/urge", Urge).RequireAuthorization(ComplaintPermissions.Manage.Policy)
            .WithSummary("Urge (催办) a case the department is late with — dispatched, proposed or with its result back: a notice to the person responsible and the department's managers; note (optional, in the timeline), version as read; the case and its limits unchanged; 403 without complaints.manage, 400 not now, paused or nobody to notify, 409 stale");
        api.MapPost("/complaints/{id:long}/redispatch", Redispatch).RequireAuthorization(ComplaintPermissions.Manage.Policy)
            .WithSummary("Re-dispatch (改派) a dispatched or proposed case: responsibleUserId (an active person of the department, in the case's store), departmentId (default: the case's), note, version as read; the new person is notified, the former one too; the limits run on from the first dispatch (not reset); 400 naming the field, not now or unchanged, 403, 409 stale");
        api.MapPost("/complaints/{id:long}/takeover", TakeOver).RequireAuthorization(ComplaintPermissions.Manage.Policy)
            .WithSummary("Take over (接管) a dispatched or proposed case: you become the person responsible and do the department's steps (its manager still approves); note, version as read; the former person is notified; the limits run on; 400 already yours, not now or paused, 403, 409 stale");
        return api;
    }

    public static Task<Results<Ok<DetailDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Urge(long id, ManageInput input, ComplaintDesk desk,
        ComplaintNames names, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        ManageAsync(id, ComplaintAction.Urge, validator.Validate(input), new StepInput { Note = input.Note, Version = input.Version }, desk, names, db, validator, l);

    public static Task<Results<Ok<DetailDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Redispatch(long id, RedispatchInput input, ComplaintDesk desk,
        ComplaintNames names, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        ManageAsync(id, ComplaintAction.Redispatch, validator.Validate(input),
            new StepInput { DepartmentId = input.DepartmentId, ResponsibleUserId = input.ResponsibleUserId, Note = input.Note, Version = input.Version }, desk, names, db, validator, l);

    public static Task<Results<Ok<DetailDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> TakeOver(long id, ManageInput input, ComplaintDesk desk,
        ComplaintNames names, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l) =>
        ManageAsync(id, ComplaintAction.TakeOver, validator.Validate(input), new StepInput { Note = input.Note, Version = input.Version }, desk, names, db, validator, l);

    private static async Task<Results<Ok<DetailDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> ManageAsync(long id, ComplaintAction action,
        Dictionary<string, string[]> errors, StepInput step, ComplaintDesk desk, ComplaintNames names, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.StepAsync(id, action, step)).ToApiAsync(async c => TypedResults.Ok(await DetailAsync(c, desk, names, db, l)), l);
    }

    public static async Task<Results<Ok<Paged<ComplaintDto>>, ValidationProblem>> List(ComplaintDesk desk, ComplaintNames names, ApiValidator validator, IStringLocalizer<SharedResource> l,
        Kernel.Time.StoreClock storeClock, bool? open = null, string? q = null, string? state = null, string? category = null, string? from = null, string? to = null,
        int page = 1, int pageSize = 50)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        static bool Named<T>(string? text, out T value) where T : struct, Enum =>
            Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
        static bool Day(string? text, out DateOnly day) => DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, default, out day);
        var errors = new Dictionary<string, string[]>();
        ComplaintState s = default;
        ComplaintCategory c = default;
        DateOnly f = default, t = default;
        if (state is { Length: > 0 } && !Named(state, out s)) errors["state"] = [l["Validation.InvalidValue", l["Field.Status"]]];
        if (category is { Length: > 0 } && !Named(category, out c)) errors["category"] = [l["Validation.InvalidValue", l["Field.ComplaintCategory"]]];
        if (from is { Length: > 0 } && !Day(from, out f)) errors["from"] = [l["Validation.InvalidValue", l["Field.FromDate"]]];
        if (to is { Length: > 0 } && !Day(to, out t)) errors["to"] = [l["Validation.InvalidValue", l["Field.ToDate"]]];
        else if (from is { Length: > 0 } && to is { Length: > 0 } && !errors.ContainsKey("from") && t < f) errors["to"] = [l["Validation.InvalidValue", l["Field.ToDate"]]];
        if (errors.Count > 0) return validator.Problem(errors);

        var cases = await desk.SearchAsync(all: open != true, q);
        if (state is { Length: > 0 }) cases = cases.Where(x => x.State == s);
        if (category is { Length: > 0 }) cases = cases.Where(x => x.Category == c);
        if (from is { Length: > 0 } || to is { Length: > 0 })
        {
            // Store-local days of receipt, in the current store's zone.
            var zone = await storeClock.ZoneAsync();
            if (from is { Length: > 0 }) { var start = Kernel.Time.StoreTime.ToUtc(f.ToDateTime(TimeOnly.MinValue), zone); cases = cases.Where(x => x.ReceivedAt >= start); }
            if (to is { Length: > 0 }) { var end = Kernel.Time.StoreTime.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), zone); cases = cases.Where(x => x.ReceivedAt < end); }
        }
        var total = await cases.CountAsync();
        var rows = await cases.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        var shown = await names.ForAsync(rows);
        return TypedResults.Ok(new Paged<ComplaintDto>(rows.Select(x => ToDto(x, shown)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<ComplaintStatistics.Report>, ValidationProblem>> Statistics(ComplaintStatistics statistics, ApiValidator validator,
        IStringLocalizer<SharedResource> l, Kernel.Time.StoreClock storeClock, TimeProvider clock, string? period = null, DateOnly? date = null, int page = 1, int pageSize = 100)
    {
        var p = StatisticsPeriod.Month;
        if (period is { Length: > 0 } && (!Enum.TryParse(period, ignoreCase: true, out p) || !Enum.IsDefined(p) || int.TryParse(period, out _)))
            return validator.Problem("period", l["Validation.InvalidValue", l["Complaints.Stats.Period"]]);
        var zone = await storeClock.ZoneAsync();
        return TypedResults.Ok(await statistics.ReportAsync(p, date ?? Kernel.Time.StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, zone), zone,
            Math.Max(1, page), Math.Clamp(pageSize, 1, 500)));
    }

    public static async Task<IResult> Create(ComplaintInput input, ComplaintDesk desk, ComplaintNames names, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.CreateAsync(input)).ToApiAsync(async c => TypedResults.Created($"/api/v1/complaints/{c.Id}", ToDto(c, await names.ForAsync(c))), l);
    }

    public static async Task<Results<Ok<DetailDto>, NotFound>> Get(long id, ComplaintDesk desk, ComplaintNames names, DcrcDb db, IStringLocalizer<SharedResource> l)
    {
        var c = await desk.FindAsync(id);
        if (c is null) return TypedResults.NotFound();
        return TypedResults.Ok(await DetailAsync(c, desk, names, db, l));
    }

    public static async Task<DetailDto> DetailAsync(Complaint c, ComplaintDesk desk, ComplaintNames names, DcrcDb db, IStringLocalizer l)
    {
        var limits = (await desk.LimitsAsync(c)).OrderBy(x => x.Key)
            .Select(x => new LimitDto(x.Key, x.Value.Status, x.Value.DueAt, Math.Round(x.Value.Remaining.TotalMinutes, 1), x.Value.Breached, x.Value.BreachedAt, x.Value.Level)).ToList();
        var events = (await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync())
            .Select(e => ToDto(e, l)).ToList();
        return new(ToDto(c, await names.ForAsync(c)), limits, events, ComplaintWorkflow.Available(c.State, c.Paused, await desk.ActorsAsync(c)).ToList());
    }

    /// <summary>A timeline entry as the case page shows it: a limit's event (recorded as its resource key and "Limit|level") named in words.</summary>
    public static EventDto ToDto(ComplaintEvent e, IStringLocalizer l)
    {
        if (e.SystemKey is not { } key)
            return new(e.At, e.Action, null, null, null, e.From, e.To, e.ByName, e.Note, l[e.Action is { } a ? "ComplaintAction." + a : "ComplaintState.Received"]);
        var system = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(key[(key.LastIndexOf('.') + 1)..]);
        if (e.Note?.Split('|') is not [var name, var number] || !Enum.TryParse<ComplaintLimit>(name, out var limit) || !int.TryParse(number, out var level))
            return new(e.At, null, system, null, null, e.From, e.To, e.ByName, e.Note, l[key]);
        var text = l["Complaints.Timeline.Limit", l[key], l["ComplaintLimit." + limit]].Value + (level > 0 ? " · " + l["Complaints.EscalatedTo", level].Value : "");
        return new(e.At, null, system, limit, level, e.From, e.To, e.ByName, null, text);
    }

    public static async Task<IResult> Step(long id, string action, StepInput input, ComplaintDesk desk, ComplaintNames names, DcrcDb db, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (!Enum.TryParse<ComplaintAction>(action, ignoreCase: true, out var a) || !Enum.IsDefined(a) || int.TryParse(action, out _))
            return validator.Problem("action", l["Validation.InvalidValue", l["Field.ComplaintAction"]]);
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.StepAsync(id, a, input)).ToApiAsync(async c => TypedResults.Ok(await DetailAsync(c, desk, names, db, l)), l);
    }
}
