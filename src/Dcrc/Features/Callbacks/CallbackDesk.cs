using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The specialist's desk: the queue, taking and handing out tasks, and recording what each call came to —
/// answers, reschedules, failed attempts (the fourth sends the SMS survey), wrong numbers, owner confirmation
/// and grievances. A user sees the tasks they hold, the pool if they work it, everyone's if they assign.
/// </summary>
public partial class CallbackDesk(DcrcDb db, CurrentUser me, StoreScope scope, MaskedCustomers cards, ContactDetails contacts, UnitOfWork uow, QuestionnaireBook questionnaires,
    ICallbackGrievances grievances, ISourceVisits visits, SmsOutbox outbox, SettingsStore settings, StoreClock storeClock, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public sealed record Row(long Id, int StoreId, CallbackKind Kind, CallbackStatus Status, long CustomerId, string CustomerName, string Mobile,
        string? Plate, string? Model, string? Staff, DateOnly EventDate, DateOnly DueOn, DateOnly DueBy, DateTime? RescheduledTo, int FailedAttempts,
        string? AssignedTo, string? AssignedName, int? Score, int Version);

    public sealed record Counts(int Due, int Overdue, int Rescheduled, int Sms)
    {
        /// <summary>What wants calling today: the navigation's badge.</summary>
        public int Today => Due + Overdue + Rescheduled;
    }

    /// <summary>Today in the current store's zone (the group's when looking at every store).</summary>
    public Task<DateOnly> TodayAsync() => storeClock.TodayAsync();

    public async Task<bool> MayAssignAsync() => await me.CanAsync(CallbackPermissions.Assign);

    /// <summary>The tasks this user may see: their own, the pool when they work it, all when they assign.</summary>
    public async Task<IQueryable<CallbackTask>> VisibleAsync()
    {
        var q = db.CallbackTasks.AsNoTracking();
        if (scope.CurrentStoreId is { } store) q = q.Where(t => t.StoreId == store);
        if (await me.CanAsync(CallbackPermissions.Assign)) return q;
        var pool = await me.CanAsync(CallbackPermissions.Pool);
        var id = me.Id ?? "";
        return q.Where(t => t.AssignedTo == id || (pool && t.AssignedTo == null));
    }

    private static IQueryable<CallbackTask> In(IQueryable<CallbackTask> q, QueueView view, DateOnly today) => view switch
    {
        QueueView.Due => q.Where(t => t.Status == CallbackStatus.Open && t.RescheduledTo == null && t.DueOn <= today && t.DueBy >= today),
        QueueView.Overdue => q.Where(t => t.Status == CallbackStatus.Open && t.RescheduledTo == null && t.DueBy < today),
        QueueView.Rescheduled => q.Where(t => t.Status == CallbackStatus.Open && t.RescheduledTo != null),
        QueueView.Sms => q.Where(t => t.Status == CallbackStatus.SmsSent),
        QueueView.Upcoming => q.Where(t => t.Status == CallbackStatus.Open && t.RescheduledTo == null && t.DueOn > today),
        _ => q.Where(t => t.Status != CallbackStatus.Open && t.Status != CallbackStatus.SmsSent),
    };

    public async Task<Counts> CountsAsync()
    {
        var q = await VisibleAsync();
        var today = await TodayAsync();
        var end = await storeClock.EndOfTodayAsync();
        var open = q.Where(t => t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent);
        // One round trip: the four counts grouped by which list a task is in.
        var groups = await open.GroupBy(t => t.Status == CallbackStatus.SmsSent ? 3
                : t.RescheduledTo != null ? (t.RescheduledTo < end ? 2 : 9)
                : t.DueBy < today ? 1 : t.DueOn <= today ? 0 : 9)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync();
        int N(int k) => groups.FirstOrDefault(g => g.Key == k)?.N ?? 0;
        return new(N(0), N(1), N(2), N(3));
    }

    /// <summary>
    /// One page of a list, oldest first (closed: latest first); <paramref name="assignee"/> narrows a manager's view ("" = the
    /// pool); <paramref name="search"/> to the customers the search box finds (name, pinyin, plate, mobile tail).
    /// </summary>
    public async Task<Paged<Row>> ListAsync(QueueView view, string? assignee, CallbackKind? kind, int page, int pageSize, string? search = null)
    {
        var today = await TodayAsync();
        var q = In(await VisibleAsync(), view, today);
        if (assignee is not null) q = assignee.Length == 0 ? q.Where(t => t.AssignedTo == null) : q.Where(t => t.AssignedTo == assignee);
        if (kind is { } k) q = q.Where(t => t.Kind == k);
        if (search is { Length: > 0 } typed && typed.Trim().Length > 0)
        {
            var found = await cards.MatchingForWorkAsync(typed.Trim(), today);
            q = q.Where(t => found.Contains(t.CustomerId));
        }
        var total = await q.CountAsync();
        var ordered = view switch
        {
            QueueView.Rescheduled => q.OrderBy(t => t.RescheduledTo).ThenBy(t => t.Id),
            QueueView.Closed => q.OrderByDescending(t => t.ClosedAt).ThenByDescending(t => t.Id),
            _ => q.OrderBy(t => t.DueOn).ThenBy(t => t.Id),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(t => new
            {
                Task = t,
                Vehicle = db.Vehicles.Where(v => v.Id == t.VehicleId).Select(v => new { v.PlateNumber, v.Model }).FirstOrDefault(),
                Assigned = db.Users.Where(u => u.Id == t.AssignedTo).Select(u => u.DisplayName).FirstOrDefault(),
            }).ToListAsync();
        var customers = await cards.ForWorkAsync(rows.Select(r => (r.Task.StoreId, r.Task.CustomerId)));
        // A showroom visitor without an archive: the name and masked number given at the showroom.
        var visitors = await visits.VisitorsAsync(rows.Where(r => r.Task.CustomerId == 0 && r.Task.Kind == CallbackKind.ShowroomVisit).Select(r => r.Task.SourceId).ToList());
        return new(rows.Select(r =>
        {
            var c = customers.GetValueOrDefault(r.Task.CustomerId);
            var v = r.Task.CustomerId == 0 && r.Task.Kind == CallbackKind.ShowroomVisit ? visitors.GetValueOrDefault(r.Task.SourceId) : default;
            return new Row(r.Task.Id, r.Task.StoreId, r.Task.Kind, r.Task.Status, r.Task.CustomerId, c?.Name ?? v.Name ?? "", c?.Mobile ?? v.MaskedMobile ?? "", r.Vehicle?.PlateNumber,
                r.Vehicle?.Model, r.Task.StaffName, r.Task.EventDate, r.Task.DueOn, r.Task.DueBy, r.Task.RescheduledTo, r.Task.FailedAttempts, r.Task.AssignedTo,
                r.Assigned, r.Task.Score, r.Task.Version);
        }).ToList(), page, pageSize, total);
    }

    /// <summary>A task this user may see, tracked for an update; null when there is none.</summary>
    public async Task<CallbackTask?> FindAsync(long id, bool track = false)
    {
        var visible = await VisibleAsync();
        var found = await visible.AnyAsync(t => t.Id == id);
        if (!found) return null;
        return track ? await db.CallbackTasks.SingleAsync(t => t.Id == id) : await db.CallbackTasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    /// <summary>Takes a pool task (or one's own again); refused when someone else holds it.</summary>
    public async Task<Written<CallbackTask>> ClaimAsync(long id)
    {
        var task = await FindAsync(id, track: true);
        if (task is null) return Written.NotFound<CallbackTask>();
        if (task.AssignedTo is not null && task.AssignedTo != me.Id) return uow.Refuse<CallbackTask>(WriteStatus.Conflict, l["Callbacks.HeldByOther"]);
        task.AssignedTo = me.Id;
        var saved = await uow.SaveAsync(task);
        // Taken a moment ago by someone else.
        return saved.Status == WriteStatus.Conflict ? uow.Refuse<CallbackTask>(WriteStatus.Conflict, l["Callbacks.HeldByOther"]) : saved;
    }

    /// <summary>Gives tasks to a specialist of their store (or back to the pool); managers only.</summary>
    public async Task<(int Assigned, Dictionary<string, string[]> Errors)> AssignAsync(AssignInput input)
    {
        if (!await me.CanAsync(CallbackPermissions.Assign)) return (0, new() { [""] = [l["Callbacks.MayNotAssign"]] });
        var ids = input.TaskIds.Distinct().Take(500).ToList();
        if (ids.Count == 0) return (0, new() { ["taskIds"] = [l["Validation.Required", l["Field.Tasks"]]] });
        var tasks = await db.CallbackTasks.Where(t => ids.Contains(t.Id) && (t.Status == CallbackStatus.Open || t.Status == CallbackStatus.SmsSent)).ToListAsync();
        var userId = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId;
        if (userId is not null)
        {
            var stores = await db.StoreMemberships.Where(m => m.UserId == userId && db.Users.Any(u => u.Id == userId && u.IsActive)).Select(m => m.StoreId).ToListAsync();
            if (stores.Count == 0 || tasks.Any(t => !stores.Contains(t.StoreId))) return (0, new() { ["userId"] = [l["Validation.InvalidValue", l["Field.AssignTo"]]] });
        }
        foreach (var t in tasks) t.AssignedTo = userId;
        uow.Audit(new(CallbackAuditActions.Assign, $"{userId ?? "pool"}: #{string.Join(" #", tasks.Select(t => t.Id))}", "CallbackTask",
            tasks.FirstOrDefault()?.Id.ToString(CultureInfo.InvariantCulture), tasks.FirstOrDefault()?.StoreId));
        var saved = await uow.SaveAsync(tasks.Count);
        return saved.Saved ? (tasks.Count, []) : (0, saved.Errors.ToDictionary());
    }

    /// <summary>The people who may be given tasks in the current store: active users allowed to work callbacks.</summary>
    public async Task<List<(string Id, string Name)>> AssigneesAsync()
    {
        var store = scope.CurrentStoreId;
        var poolRoles = db.Roles.Where(r => db.RoleClaims.Any(c => c.RoleId == r.Id && c.ClaimType == AccessControl.PermissionClaim
            && c.ClaimValue == CallbackPermissions.Pool.Name)).Select(r => r.Id);
        var users = await db.Users.Where(u => u.IsActive && (store == null || u.Stores.Any(s => s.StoreId == store))
                && db.UserRoles.Any(ur => ur.UserId == u.Id && poolRoles.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        return users.Select(u => (u.Id, u.DisplayName)).ToList();
    }

    /// <summary>Records one call: validates against the task's state and questionnaire, then saves the attempt and everything it implies, or nothing.</summary>
    public async Task<Written<CallbackTask>> RecordAsync(long id, OutcomeInput input)
    {
        var task = await FindAsync(id, track: true);
        if (task is null) return Written.NotFound<CallbackTask>();
        if (task.AssignedTo is not null && task.AssignedTo != me.Id && !await me.CanAsync(CallbackPermissions.Assign))
            return uow.Refuse<CallbackTask>(WriteStatus.Forbidden, l["Callbacks.HeldByOther"]);
        if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return uow.Refuse<CallbackTask>(WriteStatus.Invalid, unversioned);
        if (input.Version != task.Version) return uow.Conflict<CallbackTask>();
        var outcome = input.Outcome!.Value;
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow().UtcDateTime;
        var cls = CallbackOutcomes.Classify(outcome);
        if (task.Status == CallbackStatus.SmsSent && cls != OutcomeClass.Success) return uow.Refuse<CallbackTask>("outcome", l["Callbacks.WaitingForSms"]);
        if (task.Status is not (CallbackStatus.Open or CallbackStatus.SmsSent)) return uow.Refuse<CallbackTask>("outcome", l["Callbacks.TaskClosed"]);
        if (cls == OutcomeClass.Reschedule)
        {
            if (input.RescheduleTo is not { } when) errors["rescheduleTo"] = [l["Validation.Required", l["Field.RescheduleTo"]]];
            else if (when.UtcDateTime <= now || when.UtcDateTime > now.AddDays(90)) errors["rescheduleTo"] = [l["Validation.InvalidValue", l["Field.RescheduleTo"]]];
        }
        if (input.Grievance && string.IsNullOrWhiteSpace(input.GrievanceText)) errors["grievanceText"] = [l["Validation.Required", l["Field.GrievanceText"]]];

        // A call-back to a caller without an archive has no customer (CustomerId 0): no survey, no confirmation, no SMS, no grievance case.
        var customer = await cards.ForWorkAsync(task.StoreId, task.CustomerId);
        if (customer is null && input.Grievance) errors["grievance"] = [l["Callbacks.GrievanceNeedsArchive"]];
        Questionnaire? questionnaire = null;
        var answers = new List<CallbackAnswer>();
        if (cls == OutcomeClass.Success && CallbackSchedule.QuestionnaireOf(task.Kind) is { } surveyKind)
        {
            questionnaire = task.QuestionnaireId is { } qid ? await questionnaires.VersionAsync(qid) : await questionnaires.CurrentAsync(surveyKind);
            if (questionnaire is null) errors["answers"] = [l["Callbacks.NoQuestionnaire"]];
            else answers = CheckAnswers(questionnaire, input.Answers, errors);
        }
        var confirming = cls == OutcomeClass.Success && task.Kind == CallbackKind.OwnerConfirmation;
        if (confirming && input.Confirmation is null) errors["confirmation"] = [l["Validation.Required", l["Field.OwnerDataCorrect"]]];
        if (errors.Count > 0) return uow.Refuse<CallbackTask>(WriteStatus.Invalid, errors);
        // The owner's corrections go into the archive with their history, through the archive's own check (duplicates too).
        if (confirming && await ConfirmAsync(task, customer, input.Confirmation!) is { Ok: false } refused)
            return uow.Refuse<CallbackTask>(WriteStatus.Invalid, refused.Errors);

        var failuresBeforeSms = await settings.GetAsync(CallbackSettings.FailedAttemptsBeforeSms, task.StoreId);
        var after = CallbackOutcomes.Apply(task.Kind, task.FailedAttempts, outcome, failuresBeforeSms, customer?.HasMobile == true);
        db.CallbackAttempts.Add(new CallbackAttempt
        {
            StoreId = task.StoreId, TaskId = task.Id, At = now, ByUserId = me.Id, ByName = me.DisplayName, Outcome = outcome,
            RescheduledTo = cls == OutcomeClass.Reschedule ? input.RescheduleTo!.Value.UtcDateTime : null, Note = Blank(input.Note),
        });
        task.AssignedTo ??= me.Id;
        task.LastOutcome = outcome;
        task.LastAttemptAt = now;
        task.FailedAttempts = after.FailedAttempts;
        task.Status = after.Status;
        task.RescheduledTo = cls == OutcomeClass.Reschedule ? input.RescheduleTo!.Value.UtcDateTime : null;
        if (Blank(input.Note) is { } note) task.Note = note;
        if (after.Status is CallbackStatus.Completed or CallbackStatus.Expired or CallbackStatus.Invalid)
        {
            task.ClosedAt = now;
            task.ClosedBy = me.UserName;
        }
        if (questionnaire is not null)
        {
            task.QuestionnaireId = questionnaire.Id;
            foreach (var a in answers) { a.TaskId = task.Id; db.CallbackAnswers.Add(a); }
            var scores = answers.Where(a => a.Score is not null).Select(a => a.Score!.Value).ToList();
            if (scores.Count > 0) await ScoreAsync(task, scores.Min());
        }
        uow.Audit(new(CallbackAuditActions.Outcome, $"{task.Kind} #{task.Id}: {outcome} → {task.Status}", "CallbackTask", task.Id.ToString(CultureInfo.InvariantCulture), task.StoreId));
        // After the version-checked save, in its transaction: the case of a grievance, the SMS survey.
        return await uow.SaveAsync(task, then: async () =>
        {
            if (input.Grievance || task.Band == SatisfactionBand.Dissatisfied)
                await OpenComplaintAsync(task, input.Grievance ? input.GrievanceCategory ?? ComplaintCategory.Other : ComplaintCategory.Other,
                    input.Grievance ? input.GrievanceText!.Trim() : l["Callbacks.DissatisfiedScore", task.Score ?? 0].Value);
            if (after.SendSms) await SendSmsSurveyAsync(task, customer!);
        });
    }

    internal async Task ScoreAsync(CallbackTask task, int score)
    {
        task.Score = score;
        task.Band = Satisfaction.BandOf(score, await Satisfaction.Limits.ForStoreAsync(settings, task.StoreId));
    }

    /// <summary>A grievance or a dissatisfied score becomes a complaint case (表5 is the complaint case of the callback channel).</summary>
    internal async Task OpenComplaintAsync(CallbackTask task, ComplaintCategory category, string content)
    {
        task.ComplaintId = await grievances.OpenCaseAsync(task, category, content);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The SMS survey (002 §三 2) through the outbox, in this transaction; the reply's score completes the task
    /// (<see cref="CallbackSmsReplies"/>). A message consent refuses (opt-out) leaves nothing to wait for: the task fails.
    /// </summary>
    private async Task SendSmsSurveyAsync(CallbackTask task, MaskedCustomer customer)
    {
        var storeName = await db.Stores.Where(s => s.Id == task.StoreId).Select(s => s.Name).SingleAsync();
        var body = (await settings.GetTextAsync(CallbackSettings.SmsTemplate, task.StoreId)).Replace("{0}", storeName, StringComparison.Ordinal);
        var to = await contacts.ReachAsync(customer.Id);
        var sent = await outbox.EnqueueAsync(new SmsRequest(task.StoreId, to.Mobile, SmsPurpose.Survey, CallbackSmsReplies.Reason, body,
            $"callbacks.survey:{task.Id}") { CustomerId = customer.Id, CustomerName = to.Name, RelatedId = task.Id });
        await db.SaveChangesAsync();
        task.SmsMessageId = sent.Message.Id;
        if (sent.Outcome == SmsEnqueueOutcome.Blocked)
        {
            task.Status = CallbackStatus.Expired;
            task.ClosedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync();
    }


    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
