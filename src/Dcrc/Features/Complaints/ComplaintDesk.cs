using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

/// <summary>
/// Complaint cases: intake, the steps of <see cref="ComplaintWorkflow"/> checked on the server for state and actor,
/// the time limits as recorded events (each in the unit of its setting — see <see cref="PolicyAsync"/> — paused while
/// waiting on the customer), and the satisfaction callback on closing.
/// </summary>
public partial class ComplaintDesk(DcrcDb db, CurrentUser me, CustomerArchive archive, SettingsStore settings, StoreCalendars calendars, AuditLog audit,
    TimeProvider clock, IStringLocalizer<SharedResource> l, ComplaintNames names, CallbackOpenings callbacks, Calls.CallCases calls, ContactDetails contacts, UnitOfWork uow,
    Notifier notifier, AccessControl access)
{
    /// <summary>The cases this user may see: DCRC and managers the store's; sales and service people their department's or their own.</summary>
    public async Task<IQueryable<Complaint>> VisibleAsync()
    {
        var q = db.Complaints.AsNoTracking();
        var viewer = await archive.ViewerAsync();
        if (viewer.Scope >= DataScope.Store) return q;
        var id = me.Id ?? "";
        if (viewer.Scope == DataScope.Own) return q.Where(c => c.ResponsibleUserId == id);
        var department = me.DepartmentId;
        return q.Where(c => c.ResponsibleUserId == id || (department != null && c.DepartmentId == department));
    }


    /// <summary>Who this user is for this case.</summary>
    public async Task<HashSet<ComplaintActor>> ActorsAsync(Complaint c)
    {
        var actors = new HashSet<ComplaintActor>();
        if (await me.CanAsync(ComplaintPermissions.Handle)) actors.Add(ComplaintActor.Dcrc);
        if (await me.CanAsync(ComplaintPermissions.ApproveGm)) actors.Add(ComplaintActor.GeneralManager);
        if (await me.CanAsync(ComplaintPermissions.Manage)) actors.Add(ComplaintActor.Manager);
        var department = me.DepartmentId;
        var ofDepartment = c.DepartmentId is not null && department == c.DepartmentId;
        var responsible = c.ResponsibleUserId is not null && c.ResponsibleUserId == me.Id;
        // A manager who took the case over does the department's steps on it (the department's manager still approves).
        if ((await me.CanAsync(ComplaintPermissions.Department) && (responsible || ofDepartment)) || (responsible && actors.Contains(ComplaintActor.Manager)))
            actors.Add(ComplaintActor.Department);
        if (await me.CanAsync(ComplaintPermissions.ApproveDepartment) && ofDepartment) actors.Add(ComplaintActor.DepartmentManager);
        return actors;
    }

    /// <summary>Receives a case (001 表1); taken on a call, the call links to it.</summary>
    public async Task<Written<Complaint>> CreateAsync(ComplaintInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var customer = input.CustomerId is { } cid ? await archive.Visible(await archive.ViewerAsync()).FirstOrDefaultAsync(c => c.Id == cid) : null;
        if (customer is null) errors["customerId"] = [l["Validation.InvalidValue", l["Field.Customer"]]];
        if (input.VehicleId is { } vid && !await db.Vehicles.AnyAsync(v => v.Id == vid && v.CustomerId == input.CustomerId)) errors["vehicleId"] = [l["Validation.InvalidValue", l["Field.Vehicle"]]];
        var at = input.ReceivedAt?.UtcDateTime ?? now;
        if (at > now.AddMinutes(5) || at < now.AddDays(-30)) errors["receivedAt"] = [l["Validation.InvalidValue", l["Field.ReceivedAt"]]];
        string? phone = null;
        if (input.ContactPhone is { Length: > 0 } p)
        {
            var mobile = Phone.CheckMobile(p);
            var landline = mobile.Ok ? mobile : Phone.CheckLandline(p);
            if (!landline.Ok) errors["contactPhone"] = [l["Validation.InvalidValue", l["Field.ContactPhone"]]];
            phone = landline.Value;
        }
        if (string.IsNullOrWhiteSpace(input.Description)) errors["description"] = [l["Validation.Required", l["Field.ComplaintDescription"]]];
        if (input.CallbackTaskId is { } taskId && !await db.CallbackTasks.AnyAsync(t => t.Id == taskId && t.CustomerId == input.CustomerId))
            errors["callbackTaskId"] = [l["Validation.InvalidValue", l["Field.Tasks"]]];
        var call = input.CallId is { } callId ? await calls.FindAsync(callId) : null;
        if (input.CallId is not null && (call is null || call.ComplaintId is not null || call.StoreId != customer?.StoreId))
            errors["callId"] = [l["Validation.InvalidValue", l["Field.Call"]]];
        if (errors.Count > 0) return uow.Refuse<Complaint>(WriteStatus.Invalid, errors);

        var c = new Complaint
        {
            StoreId = customer!.StoreId, Channel = input.Channel!.Value, ReceivedAt = at, ReceivedBy = me.Id, ReceivedByName = me.DisplayName, CustomerId = customer.Id,
            VehicleId = input.VehicleId, ContactName = Blank(input.ContactName) ?? customer.Name, ContactPhone = phone ?? customer.Mobile, Category = input.Category!.Value,
            Severity = input.Severity, Emergency = input.Emergency, Description = input.Description!.Trim(), Request = Blank(input.Request), CallId = input.CallId,
            CallbackTaskId = input.CallbackTaskId, State = ComplaintState.Received, UpdatedAt = now,
            CustomerComplaintNumber = await db.Complaints.IgnoreQueryFilters().CountAsync(x => x.CustomerId == customer.Id) + 1,
        };
        db.Complaints.Add(c);
        uow.AuditOnSave(() => new(ComplaintAuditActions.Received, $"{c.Number}: {c.Category}", "Complaint", c.Id.ToString(CultureInfo.InvariantCulture), c.StoreId));
        return await uow.SaveAsync(c, then: async () =>
        {
            db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = at, To = ComplaintState.Received, ByUserId = me.Id, ByName = me.DisplayName, Note = c.Request });
            // The call it was taken on links to it (顾客来电记录表 → 投诉).
            if (call is not null) await calls.LinkAsync(call.Id, c.Id);
            db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = ComplaintLimit.Dispatch, Kind = LimitEventKind.Started, At = at });
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The visible cases, open ones only unless <paramref name="all"/>, found by case number (TS…) or contact name.</summary>
    public async Task<IQueryable<Complaint>> SearchAsync(bool all, string? q)
    {
        var cases = await VisibleAsync();
        if (!all) cases = cases.Where(ComplaintWorkflow.Open);
        if (q is not { Length: > 0 }) return cases;
        var text = q.Trim();
        return text.StartsWith("TS", StringComparison.OrdinalIgnoreCase) && long.TryParse(text[2..], out var n) ? cases.Where(c => c.Id == n)
            : (await names.SearchableByNameAsync(cases)).Where(c => c.ContactName != null && c.ContactName.Contains(text));
    }


    public async Task<Complaint?> FindAsync(long id) => await (await VisibleAsync()).FirstOrDefaultAsync(c => c.Id == id);

    /// <summary>One step of the work, refused unless the case is in the state it starts from and the user is one who does it.</summary>
    public async Task<Written<Complaint>> StepAsync(long id, ComplaintAction action, StepInput input)
    {
        if (!Enum.IsDefined(action)) return Written.NotFound<Complaint>();
        if (await FindAsync(id) is null) return Written.NotFound<Complaint>();
        var c = await db.Complaints.SingleAsync(x => x.Id == id);
        if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return uow.Refuse<Complaint>(WriteStatus.Invalid, unversioned);
        if (input.Version != c.Version) return uow.Conflict<Complaint>();
        var actors = await ActorsAsync(c);
        switch (ComplaintWorkflow.Check(c.State, c.Paused, action, actors))
        {
            case ComplaintWorkflow.Refusal.WrongActor: return uow.Refuse<Complaint>(WriteStatus.Forbidden, l["Complaints.NotYours"]);
            case ComplaintWorkflow.Refusal.None: break;
            case ComplaintWorkflow.Refusal.Paused: return uow.Refuse<Complaint>("", l["Complaints.StepPaused", l["ComplaintAction." + action]]);
            case ComplaintWorkflow.Refusal.AlreadyPaused: return uow.Refuse<Complaint>("", l["Complaints.AlreadyPaused"]);
            case ComplaintWorkflow.Refusal.NotPaused: return uow.Refuse<Complaint>("", l["Complaints.NotPaused"]);
            default: return uow.Refuse<Complaint>("", l["Complaints.NotNow", l["ComplaintAction." + action], l["ComplaintState." + c.State]]);
        }
        if (ComplaintWorkflow.IsManagement(action)) return await ManageAsync(c, action, input);
        var errors = await CheckAsync(c, action, input);
        if (errors.Count > 0) return uow.Refuse<Complaint>(WriteStatus.Invalid, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var from = c.State;
        var threshold = await settings.GetAsync(ComplaintSettings.GmApprovalAmount, c.StoreId);
        Apply(c, action, input);
        if (action == ComplaintAction.Dispatch)
            c.ResponsibleName = await db.Users.Where(u => u.Id == input.ResponsibleUserId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        c.State = ComplaintWorkflow.Next(from, action, c.CompensationAmount, threshold);
        c.UpdatedAt = now;
        var round = await db.ComplaintLimitEvents.Where(e => e.ComplaintId == id).Select(e => (int?)e.Round).MaxAsync() ?? 0;
        void Limit(ComplaintLimit limit, LimitEventKind kind, int? r = null) =>
            db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = id, Limit = limit, Kind = kind, At = now, Round = r ?? round });
        var running = await RunningAsync(id);
        switch (action)
        {
            case ComplaintAction.JudgeInvalid: Limit(ComplaintLimit.Dispatch, LimitEventKind.Cancelled); c.ClosedAt = now; break;
            case ComplaintAction.Dispatch:
                Limit(ComplaintLimit.Dispatch, LimitEventKind.Met);
                Limit(ComplaintLimit.Proposal, LimitEventKind.Started);
                Limit(ComplaintLimit.Result, LimitEventKind.Started);
                break;
            case ComplaintAction.Propose: Limit(ComplaintLimit.Proposal, LimitEventKind.Met); break;
            case ComplaintAction.ReportResult: Limit(ComplaintLimit.Result, LimitEventKind.Met); break;
            case ComplaintAction.Reject or ComplaintAction.Reopen:
                // Back with the department: a new round of the solution and result limits.
                foreach (var r in running) Limit(r, LimitEventKind.Cancelled);
                Limit(ComplaintLimit.Proposal, LimitEventKind.Started, round + 1);
                Limit(ComplaintLimit.Result, LimitEventKind.Started, round + 1);
                if (action == ComplaintAction.Reopen) { c.Reopened++; c.ClosedAt = null; }
                break;
            case ComplaintAction.Close:
                c.ClosedAt = now;
                Limit(ComplaintLimit.FollowUp, LimitEventKind.Started);
                break;
            case ComplaintAction.FollowUp: Limit(ComplaintLimit.FollowUp, LimitEventKind.Met); break;
            case ComplaintAction.Pause: c.Paused = true; foreach (var r in running) Limit(r, LimitEventKind.Paused); break;
            case ComplaintAction.Resume: c.Paused = false; foreach (var r in running) Limit(r, LimitEventKind.Resumed); break;
        }
        db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = id, At = now, Action = action, From = from, To = c.State, ByUserId = me.Id, ByName = me.DisplayName, Note = Blank(input.Note) });
        uow.Audit(new(ComplaintAuditActions.Step, $"{c.Number}: {action} {from} → {c.State}", "Complaint", id.ToString(CultureInfo.InvariantCulture), c.StoreId));
        // After the version-checked save, in the same transaction: a stale close makes no callback.
        return await uow.SaveAsync(c, then: action != ComplaintAction.Close ? null : async () =>
        {
            await SatisfactionCallbackAsync(c, now);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The limits of the latest round that are running or paused (not met or cancelled).</summary>
    private async Task<List<ComplaintLimit>> RunningAsync(long id)
    {
        var events = await db.ComplaintLimitEvents.AsNoTracking().Where(e => e.ComplaintId == id).ToListAsync();
        return events.GroupBy(e => e.Limit).Where(g =>
        {
            var round = g.Max(e => e.Round);
            var last = g.Where(e => e.Round == round && e.Kind is LimitEventKind.Started or LimitEventKind.Paused or LimitEventKind.Resumed or LimitEventKind.Met or LimitEventKind.Cancelled)
                .OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
            return last is not null && last.Kind is LimitEventKind.Started or LimitEventKind.Paused or LimitEventKind.Resumed;
        }).Select(g => g.Key).ToList();
    }

    /// <summary>A department that exists and is in use, and a person of it working in the case's store; each refusal says which.</summary>
    private async Task CheckDispatchAsync(Complaint c, StepInput input, Dictionary<string, string[]> errors)
    {
        if (input.DepartmentId is not { } d) errors["departmentId"] = [l["Validation.Required", l["Field.Department"]]];
        else if (!await db.Departments.AnyAsync(x => x.Id == d && x.IsActive)) errors["departmentId"] = [l["Validation.UnknownOrInactive", l["Field.Department"]]];
        if (input.ResponsibleUserId is not { Length: > 0 } u) { errors["responsibleUserId"] = [l["Validation.Required", l["Field.Responsible"]]]; return; }
        var person = await db.Users.Where(x => x.Id == u && x.IsActive)
            .Select(x => new { x.DepartmentId, InStore = x.Stores.Any(s => s.StoreId == c.StoreId) }).FirstOrDefaultAsync();
        if (person is null) errors["responsibleUserId"] = [l["Validation.UnknownOrInactive", l["Field.Responsible"]]];
        else if (!person.InStore) errors["responsibleUserId"] = [l["Complaints.ResponsibleNotInStore", l["Field.Responsible"]]];
        else if (input.DepartmentId is { } dep && person.DepartmentId != dep) errors["responsibleUserId"] = [l["Complaints.ResponsibleNotInDepartment", l["Field.Responsible"], l["Field.Department"]]];
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(Complaint c, ComplaintAction action, StepInput input)
    {
        var errors = new Dictionary<string, string[]>();
        void Need(string? value, string field, string label) { if (string.IsNullOrWhiteSpace(value)) errors[field] = [l["Validation.Required", l[label]]]; }
        switch (action)
        {
            case ComplaintAction.JudgeInvalid:
                Need(input.Note, "note", "Field.Explanation");
                Need(input.CustomerOpinion, "customerOpinion", "Field.CustomerOpinion");
                break;
            case ComplaintAction.Dispatch:
                await CheckDispatchAsync(c, input, errors);
                break;
            case ComplaintAction.Propose:
                Need(input.Solution, "solution", "Field.ComplaintSolution");
                if (input.Compensation is { } t && !Enum.IsDefined(t)) errors["compensation"] = [l["Validation.InvalidValue", l["Field.CompensationType"]]];
                if (input.Compensation is not (null or CompensationType.None) && input.CompensationAmount is null)
                    errors["compensationAmount"] = [l["Validation.Required", l["Field.CompensationAmount"]]];
                break;
            case ComplaintAction.ReportResult: Need(input.Result, "result", "Field.ComplaintResult"); break;
            case ComplaintAction.Reject or ComplaintAction.Reopen or ComplaintAction.Pause: Need(input.Note, "note", "Field.Note"); break;
            case ComplaintAction.Accept: Need(input.CustomerOpinion, "customerOpinion", "Field.CustomerOpinion"); break;
            case ComplaintAction.Close: Need(input.ClosingSummary, "closingSummary", "Field.ClosingSummary"); break;
            case ComplaintAction.FollowUp: Need(input.Note, "note", "Field.FollowUpNote"); break;
        }
        return errors;
    }

    private void Apply(Complaint c, ComplaintAction action, StepInput input)
    {
        switch (action)
        {
            case ComplaintAction.JudgeInvalid: c.CustomerOpinion = Blank(input.CustomerOpinion); c.ClosingSummary = Blank(input.Note); break;
            case ComplaintAction.Dispatch:
                c.DepartmentId = input.DepartmentId;
                c.ResponsibleUserId = input.ResponsibleUserId;
                break;
            case ComplaintAction.Propose:
                c.Solution = Blank(input.Solution);
                c.Cause = Blank(input.Cause) ?? c.Cause;
                c.Compensation = input.Compensation ?? CompensationType.None;
                c.CompensationAmount = c.Compensation == CompensationType.None ? null : input.CompensationAmount;
                break;
            case ComplaintAction.ReportResult:
                c.Result = Blank(input.Result);
                c.Cause = Blank(input.Cause) ?? c.Cause;
                c.Measures = Blank(input.Measures) ?? c.Measures;
                c.OemEscalatedOn = input.OemEscalatedOn ?? c.OemEscalatedOn;
                c.EngineerAppraisalOn = input.EngineerAppraisalOn ?? c.EngineerAppraisalOn;
                break;
            case ComplaintAction.Accept: c.CustomerOpinion = Blank(input.CustomerOpinion); break;
            case ComplaintAction.Close: c.ClosingSummary = Blank(input.ClosingSummary); break;
            case ComplaintAction.FollowUp: c.FollowUpNote = Blank(input.Note); break;
        }
    }

    /// <summary>The satisfaction callback (SPEC §5): from the next working day, within the setting's days, in the callback queue's pool.</summary>
    private async Task SatisfactionCallbackAsync(Complaint c, DateTime now)
    {
        var calendar = await calendars.ForStoreAsync(c.StoreId);
        var closedOn = StoreTime.DateOf(now, calendar.Zone);
        var days = await settings.GetAsync(ComplaintSettings.SatisfactionCallbackDays, c.StoreId);
        c.SatisfactionTaskId = await callbacks.OpenAsync(new NewCallback(c.StoreId, CallbackKind.ComplaintSatisfaction, c.Id, closedOn, c.CustomerId, c.VehicleId,
            CallbackSchedule.WorkingDayAfter(calendar.IsWorkingDay, closedOn, 1), CallbackSchedule.OnOrAfter(calendar.IsWorkingDay, closedOn.AddDays(days)))
        {
            ComplaintId = c.Id, StaffName = c.ResponsibleName,
        });
    }


    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
