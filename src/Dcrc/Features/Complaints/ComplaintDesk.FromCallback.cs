using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

/// <summary>Complaint cases opened by the callback centre (a grievance voiced or a dissatisfied score).</summary>
public partial class ComplaintDesk : ICallbackGrievances
{
    /// <summary>
    /// A grievance voiced in a callback, or a dissatisfied score (抱怨, 002 表5), as a complaint case of the callback channel,
    /// in the caller's transaction: when the event's consultant or advisor has an account it goes straight to their
    /// department and them (judged and dispatched by the callback), else it waits for DCRC to dispatch it.
    /// </summary>
    public async Task<long> OpenCaseAsync(CallbackTask task, ComplaintCategory category, string content)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staff = task.StaffUserId is null ? null
            : await db.Users.Where(u => u.Id == task.StaffUserId && u.IsActive).Select(u => new { u.Id, u.DisplayName, u.DepartmentId }).FirstOrDefaultAsync();
        var customer = await contacts.ReachAsync(task.CustomerId);
        var by = me.DisplayName is { Length: > 0 } name ? name : l["Complaints.ByCallback"].Value;
        var c = new Complaint
        {
            StoreId = task.StoreId, Channel = ComplaintChannel.Callback, ReceivedAt = now, ReceivedBy = me.Id, ReceivedByName = by, CustomerId = task.CustomerId,
            VehicleId = task.VehicleId, ContactName = customer.Name, ContactPhone = customer.Mobile.Length > 0 ? customer.Mobile : null, Category = category, Severity = ComplaintSeverity.Normal,
            Description = content.Length > 2000 ? content[..2000] : content, CallbackTaskId = task.Id, UpdatedAt = now,
            CustomerComplaintNumber = await db.Complaints.IgnoreQueryFilters().CountAsync(x => x.CustomerId == task.CustomerId) + 1,
            State = staff?.DepartmentId is null ? ComplaintState.Valid : ComplaintState.Dispatched,
            DepartmentId = staff?.DepartmentId, ResponsibleUserId = staff?.DepartmentId is null ? null : staff.Id, ResponsibleName = staff?.DepartmentId is null ? null : staff.DisplayName,
        };
        db.Complaints.Add(c);
        await db.SaveChangesAsync();
        void Event(ComplaintAction? action, ComplaintState? from, ComplaintState to) =>
            db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = now, Action = action, From = from, To = to, ByUserId = me.Id, ByName = by });
        void Limit(ComplaintLimit limit, LimitEventKind kind) => db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = limit, Kind = kind, At = now });
        Event(null, null, ComplaintState.Received);
        Event(ComplaintAction.JudgeValid, ComplaintState.Received, ComplaintState.Valid);
        Limit(ComplaintLimit.Dispatch, LimitEventKind.Started);
        if (c.State == ComplaintState.Dispatched)
        {
            Event(ComplaintAction.Dispatch, ComplaintState.Valid, ComplaintState.Dispatched);
            Limit(ComplaintLimit.Dispatch, LimitEventKind.Met);
            Limit(ComplaintLimit.Proposal, LimitEventKind.Started);
            Limit(ComplaintLimit.Result, LimitEventKind.Started);
        }
        await db.SaveChangesAsync();
        await audit.WriteAsync(ComplaintAuditActions.Received, $"{c.Number}: {c.Category} (callback #{task.Id})", "Complaint", c.Id.ToString(CultureInfo.InvariantCulture), c.StoreId);
        return c.Id;
    }
}
