using System.Globalization;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>
/// The managers' actions on a case the department is late with — 催办 (urge), 改派 (re-dispatch), 接管 (take over) —
/// by the CR manager and the GM (<see cref="ComplaintPermissions.Manage"/>). Each is a step of the case: checked by
/// <see cref="StepAsync"/> for state, actor, pause and version like every other, then recorded in the timeline,
/// audited and told to the people concerned (in-app notices, saved with the step).
/// <para>
/// None of them moves the case on or touches its time limits. Re-dispatching or taking over does not reset the
/// solution and result clocks: they run on from the first dispatch, because the promise to the customer ("a solution
/// within 24 hours, the result within 48") was made then, and a case sent on from a late department must not look
/// on time again; a breach already recorded stays recorded. Only a rejection or a reopening starts a new round.
/// </para>
/// </summary>
public partial class ComplaintDesk
{
    private async Task<Written<Complaint>> ManageAsync(Complaint c, ComplaintAction action, StepInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var note = Blank(input.Note);
        var link = $"/Complaints/{c.Id}";
        string summary;
        switch (action)
        {
            case ComplaintAction.Urge:
                var urged = await UrgedAsync(c);
                if (urged.Count == 0) return uow.Refuse<Complaint>("", l["Complaints.NobodyToUrge"]);
                // The note is the timeline's; the notice opens the case (a free text is no argument of a notice).
                notifier.Notify(urged, c.StoreId, now, "Notification.ComplaintUrged", link, c.Number, me.DisplayName);
                // A reminder changes nothing of the case: its version stays, so the department's open form is not made stale by it.
                summary = $"{c.Number}: {action} ({urged.Count} notified)";
                break;
            case ComplaintAction.Redispatch:
                var department = input.DepartmentId ?? c.DepartmentId;
                var errors = new Dictionary<string, string[]>();
                await CheckDispatchAsync(c, new StepInput { DepartmentId = department, ResponsibleUserId = input.ResponsibleUserId }, errors);
                if (errors.Count == 0 && department == c.DepartmentId && input.ResponsibleUserId == c.ResponsibleUserId)
                    errors["responsibleUserId"] = [l["Complaints.RedispatchUnchanged"]];
                if (errors.Count > 0) return uow.Refuse<Complaint>(WriteStatus.Invalid, errors);
                var (formerDepartment, former) = (c.DepartmentId, c.ResponsibleUserId);
                c.DepartmentId = department;
                c.ResponsibleUserId = input.ResponsibleUserId;
                c.ResponsibleName = await db.Users.Where(u => u.Id == input.ResponsibleUserId).Select(u => u.DisplayName).FirstAsync();
                var departmentName = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).FirstAsync();
                note = Trimmed($"{departmentName} · {c.ResponsibleName}" + (note is null ? "" : " — " + note));
                if (c.ResponsibleUserId != former) notifier.Notify([c.ResponsibleUserId!], c.StoreId, now, "Notification.ComplaintRedispatched", link, c.Number, me.DisplayName);
                Relieve(former, c, now, link, "Notification.ComplaintRedispatchedAway");
                c.UpdatedAt = now;
                summary = $"{c.Number}: {action} department {formerDepartment} → {department}, responsible {former} → {c.ResponsibleUserId}";
                break;
            default: // TakeOver
                if (c.ResponsibleUserId == me.Id) return uow.Refuse<Complaint>("", l["Complaints.AlreadyResponsible"]);
                var previous = c.ResponsibleUserId;
                // The department stays: its manager still approves the result, and the statistics count the case there.
                c.ResponsibleUserId = me.Id;
                c.ResponsibleName = me.DisplayName;
                Relieve(previous, c, now, link, "Notification.ComplaintTakenOver");
                c.UpdatedAt = now;
                summary = $"{c.Number}: {action} responsible {previous} → {me.Id}";
                break;
        }
        db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = now, Action = action, From = c.State, To = c.State, ByUserId = me.Id, ByName = me.DisplayName, Note = note });
        uow.Audit(new(ComplaintAuditActions.Step, summary, "Complaint", c.Id.ToString(CultureInfo.InvariantCulture), c.StoreId));
        return await uow.SaveAsync(c);
    }

    /// <summary>Tells the person who was responsible that the case is no longer theirs (not when they did it themselves).</summary>
    private void Relieve(string? former, Complaint c, DateTime now, string link, string key)
    {
        if (former is not null && former != c.ResponsibleUserId && former != me.Id) notifier.Notify([former], c.StoreId, now, key, link, c.Number, me.DisplayName);
    }

    /// <summary>
    /// Whom an urge reaches: the person responsible and the managers of the case's department in its store (active
    /// users holding a role that approves the department's results), not the one urging.
    /// </summary>
    private async Task<List<string>> UrgedAsync(Complaint c)
    {
        var approving = (await access.RolesAsync()).Where(r => r.Value.Permissions.Contains(ComplaintPermissions.ApproveDepartment.Name)).Select(r => r.Key).ToArray();
        var managers = approving.Length == 0 || c.DepartmentId is null ? [] : await notifier.UsersInRolesAsync(c.StoreId, approving);
        var responsible = c.ResponsibleUserId;
        return await db.Users.Where(u => u.IsActive && u.Id != me.Id
                && (u.Id == responsible || (managers.Contains(u.Id) && u.DepartmentId == c.DepartmentId)))
            .Select(u => u.Id).ToListAsync();
    }

    private static string Trimmed(string s) => s.Length > 1000 ? s[..1000] : s;
}
