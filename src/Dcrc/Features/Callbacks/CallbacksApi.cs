using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Kernel.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

public static class CallbacksApi
{
    public sealed record TaskDto(long Id, int StoreId, CallbackKind Kind, CallbackStatus Status, long CustomerId, long? VehicleId, long? TransactionId,
        DateOnly EventDate, DateOnly DueOn, DateOnly DueBy, DateOnly? ExpiresOn, string? AssignedTo, string? StaffUserId, string? StaffName, string? RepairTeam,
        DateTime? RescheduledTo, int FailedAttempts, CallbackOutcome? LastOutcome, int? Score, SatisfactionBand? Band, long? ComplaintId, long? SmsMessageId,
        bool? OwnerDataCorrect, string? AnsweredBy, string? Note, DateTime? ClosedAt, int Version);

    public sealed record AttemptDto(DateTime At, string? By, CallbackOutcome Outcome, DateTime? RescheduledTo, string? Note);
    public sealed record AnswerDto(int QuestionId, int Number, string Question, int? Score, bool? YesNo, string? Choice, string? Text);
    public sealed record DetailDto(TaskDto Task, IReadOnlyList<AttemptDto> Attempts, IReadOnlyList<AnswerDto> Answers, int? QuestionnaireId);

    public static TaskDto ToDto(CallbackTask t) => new(t.Id, t.StoreId, t.Kind, t.Status, t.CustomerId, t.VehicleId, t.TransactionId, t.EventDate, t.DueOn,
        t.DueBy, t.ExpiresOn, t.AssignedTo, t.StaffUserId, t.StaffName, t.RepairTeam, t.RescheduledTo, t.FailedAttempts, t.LastOutcome, t.Score, t.Band,
        t.ComplaintId, t.SmsMessageId, t.OwnerDataCorrect, t.AnsweredBy, t.Note, t.ClosedAt, t.Version);

    public static RouteGroupBuilder MapCallbacksApi(this RouteGroupBuilder api)
    {
        var work = CallbackPermissions.Work.Policy;
        api.MapGet("/callbacks/tasks", List).RequireAuthorization(work)
            .WithSummary("The work queue: view = due | overdue | rescheduled | sms | upcoming | closed (default due); assignee (user id, empty for the pool) for managers; q narrows to customers found by name, pinyin, plate or mobile tail; or customerId for one customer's tasks");
        api.MapGet("/callbacks/next", Next).RequireAuthorization(work)
            .WithSummary("The task to call next: an agreed call-back whose time has come, else the oldest due one (own or the pool's); 204 when none; after = the task just done");
        api.MapGet("/callbacks/counts", Counts).RequireAuthorization(work).WithSummary("How many tasks are due, overdue, rescheduled and waiting on an SMS reply");
        api.MapGet("/callbacks/tasks/{id:long}", Get).RequireAuthorization(work).WithSummary("A task with its attempts and answers");
        api.MapPost("/callbacks/tasks/{id:long}/claim", Claim).RequireAuthorization(CallbackPermissions.Pool.Policy)
            .WithSummary("Take a task from the pool (409 when someone else holds it)");
        api.MapPost("/callbacks/tasks/{id:long}/outcome", Outcome).RequireAuthorization(work)
            .WithSummary("Record a call: success (with answers, or the owner confirmation), busy / notOwner (with rescheduleTo), a failed attempt, or a wrong / empty number; send the version you read");
        api.MapPost("/callbacks/tasks/{id:long}/reschedule", Reschedule).RequireAuthorization(work)
            .WithSummary("Call again at the customer's chosen time (records a 'busy' attempt unless outcome notOwner is given)");
        api.MapPost("/callbacks/assign", Assign).RequireAuthorization(CallbackPermissions.Assign.Policy)
            .WithSummary("Give tasks to a specialist of their store, or back to the pool (userId empty)");
        api.MapPost("/callbacks/generate", Generate).RequireAuthorization(CallbackPermissions.Assign.Policy)
            .WithSummary("Make the tasks of recent events now (the job does this every few minutes); replaying adds nothing");
        return api;
    }

    public sealed record NextDto(long Id);

    public static async Task<Results<Ok<NextDto>, NoContent>> Next(CallbackDesk desk, long? after = null) =>
        await desk.NextAsync(after) is { } id ? TypedResults.Ok(new NextDto(id)) : TypedResults.NoContent();

    public static async Task<Results<Ok<Paged<TaskDto>>, ValidationProblem>> List(CallbackDesk desk, ApiValidator validator, IStringLocalizer<SharedResource> l,
        string? view = null, string? assignee = null, string? kind = null, long? customerId = null, int page = 1, int pageSize = 50, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string? search = null)
    {
        if (!TryEnum<QueueView>(view, QueueView.Due, out var v)) return validator.Problem("view", l["Validation.InvalidValue", l["Field.QueueView"]]);
        CallbackKind? k = null;
        if (kind is { Length: > 0 })
        {
            if (!TryEnum<CallbackKind>(kind, default, out var parsed)) return validator.Problem("kind", l["Validation.InvalidValue", l["Field.CallbackKind"]]);
            k = parsed;
        }
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        if (customerId is { } cid)
        {
            var q = (await desk.VisibleAsync()).Where(t => t.CustomerId == cid);
            if (k is { } only) q = q.Where(t => t.Kind == only);
            var total = await q.CountAsync();
            var tasks = await q.OrderBy(t => t.DueOn).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
            return TypedResults.Ok(new Paged<TaskDto>(tasks.Select(ToDto).ToList(), page, pageSize, total));
        }
        if (search is { Length: > 100 }) return validator.Problem("q", l["Validation.StringLength", l["Field.QueueSearch"], 100, 0]);
        var rows = await desk.ListAsync(v, await desk.MayAssignAsync() ? assignee : null, k, page, pageSize, search);
        var ids = rows.Items.Select(r => r.Id).ToList();
        var byId = await (await desk.VisibleAsync()).Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        return TypedResults.Ok(new Paged<TaskDto>(rows.Items.Select(r => ToDto(byId[r.Id])).ToList(), rows.Page, rows.PageSize, rows.Total));
    }

    private static bool TryEnum<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        return Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
    }

    public static async Task<Ok<CallbackDesk.Counts>> Counts(CallbackDesk desk) => TypedResults.Ok(await desk.CountsAsync());

    public static async Task<Results<Ok<DetailDto>, NotFound>> Get(long id, CallbackDesk desk, DcrcDb db)
    {
        var task = await desk.FindAsync(id);
        if (task is null) return TypedResults.NotFound();
        var attempts = await db.CallbackAttempts.AsNoTracking().Where(a => a.TaskId == id).OrderBy(a => a.At)
            .Select(a => new AttemptDto(a.At, a.ByName, a.Outcome, a.RescheduledTo, a.Note)).ToListAsync();
        var answers = await db.CallbackAnswers.AsNoTracking().Where(a => a.TaskId == id)
            .Join(db.Questions, a => a.QuestionId, q => q.Id, (a, q) => new { a, q }).OrderBy(x => x.q.Number)
            .Select(x => new AnswerDto(x.a.QuestionId, x.q.Number, x.q.Text, x.a.Score, x.a.YesNo, x.a.Choice, x.a.Text)).ToListAsync();
        return TypedResults.Ok(new DetailDto(ToDto(task), attempts, answers, task.QuestionnaireId));
    }

    public static async Task<IResult> Claim(long id, CallbackDesk desk, IStringLocalizer<SharedResource> l)
    {
        return (await desk.ClaimAsync(id)).ToApi(t => TypedResults.Ok(ToDto(t)), l);
    }

    public static async Task<IResult> Outcome(long id, OutcomeInput input, CallbackDesk desk, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return Answer(await desk.RecordAsync(id, input), l);
    }

    public sealed class RescheduleInput
    {
        public DateTimeOffset? RescheduleTo { get; set; }
        /// <summary>busy (default) or notOwner.</summary>
        public CallbackOutcome? Outcome { get; set; }
        [System.ComponentModel.DataAnnotations.StringLength(500, ErrorMessage = "Validation.StringLength"),
         System.ComponentModel.DataAnnotations.Display(Name = "Field.Note")] public string? Note { get; set; }
        public int? Version { get; set; }
    }

    public static async Task<IResult> Reschedule(long id, RescheduleInput input, CallbackDesk desk, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        var outcome = input.Outcome ?? CallbackOutcome.Busy;
        if (CallbackOutcomes.Classify(outcome) != OutcomeClass.Reschedule) errors["outcome"] = [l["Validation.InvalidValue", l["Field.CallbackOutcome"]]];
        if (errors.Count > 0) return validator.Problem(errors);
        return Answer(await desk.RecordAsync(id, new OutcomeInput { Outcome = outcome, RescheduleTo = input.RescheduleTo, Note = input.Note, Version = input.Version }), l);
    }

    private static IResult Answer(Written<CallbackTask> r, IStringLocalizer<SharedResource> l) => r.ToApi(t => TypedResults.Ok(ToDto(t)), l);

    public sealed record AssignResult(int Assigned);

    public static async Task<Results<Ok<AssignResult>, ValidationProblem>> Assign(AssignInput input, CallbackDesk desk, ApiValidator validator)
    {
        var (n, errors) = await desk.AssignAsync(input);
        return errors.Count > 0 ? validator.Problem(errors) : TypedResults.Ok(new AssignResult(n));
    }

    public sealed record GenerateResult(int Created, int Expired);

    public static async Task<Ok<GenerateResult>> Generate(CallbackGeneration generation, Kernel.Access.StoreScope scope)
    {
        var created = await generation.GenerateAsync(storeId: scope.CurrentStoreId);
        return TypedResults.Ok(new GenerateResult(created, await generation.ExpireAsync()));
    }
}
