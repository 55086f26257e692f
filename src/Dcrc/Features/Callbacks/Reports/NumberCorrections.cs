using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The way off the invalid-information list (表4, SPEC §5): while a task is invalid, a DCRC user who works callbacks
/// and may edit the archive enters the right mobile (and, if found, the right name and another phone). The mobile
/// and name go into the archive with their history (numbers masked), the task is open again to be called (its
/// failed attempts kept), and the 表4 line shows what was found. All of it or nothing; audited.
/// </summary>
public class NumberCorrections(DcrcDb db, CurrentUser me, CustomerArchive archive, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public enum Refusal { None, NotFound, Forbidden, Conflict, NotInvalid }

    public sealed record Result(CallbackTask? Task, Dictionary<string, string[]> Errors, Refusal Refused = Refusal.None)
    {
        public bool Ok => Task is not null && Errors.Count == 0 && Refused == Refusal.None;
    }

    public async Task<bool> MayCorrectAsync() => await me.CanAsync(CallbackPermissions.Work) && await me.CanAsync(CustomerPermissions.Write);

    public async Task<Result> CorrectAsync(long taskId, CorrectNumberInput input)
    {
        if (!await MayCorrectAsync()) return new(null, [], Refusal.Forbidden);
        var task = await db.CallbackTasks.SingleOrDefaultAsync(t => t.Id == taskId);
        if (task is null) return new(null, [], Refusal.NotFound);
        // The archive's own rule decides whose records this user may change.
        var customer = await db.Customers.VisibleTo(await archive.ViewerAsync()).SingleOrDefaultAsync(c => c.Id == task.CustomerId);
        if (customer is null) return new(task, [], Refusal.Forbidden);
        if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return new(task, unversioned);
        if (input.Version != task.Version) return new(task, [], Refusal.Conflict);
        if (task.Status != CallbackStatus.Invalid) return new(task, [], Refusal.NotInvalid);

        var errors = new Dictionary<string, string[]>();
        var mobile = Phone.CheckMobile(input.Mobile);
        if (string.IsNullOrWhiteSpace(input.Mobile)) errors["mobile"] = [l["Validation.Required", l["Field.CorrectMobile"]]];
        else if (!mobile.Ok) errors["mobile"] = [l[mobile.ErrorKey!, l["Field.CorrectMobile"]]];
        var name = Blank(input.Name);
        if (name is { Length: > 100 }) errors["name"] = [l["Validation.StringLength", l["Field.CorrectName"], 100, 1]];
        string? other = null;
        if (Blank(input.OtherPhone) is { } typed)
        {
            var asMobile = Phone.CheckMobile(typed);
            var asLandline = Phone.CheckLandline(typed);
            if (asMobile.Ok) other = asMobile.Value;
            else if (asLandline.Ok) other = asLandline.Value;
            else errors["otherPhone"] = [l["Validation.InvalidValue", l["Field.OtherPhone"]]];
        }
        var note = Blank(input.Note);
        if (note is { Length: > 500 }) errors["note"] = [l["Validation.StringLength", l["Field.Note"], 500, 0]];
        if (errors.Count > 0) { db.ChangeTracker.Clear(); return new(task, errors); }

        var now = clock.GetUtcNow().UtcDateTime;
        var old = customer.Mobile;
        void History(string field, string? from, string? to) => db.ArchiveChanges.Add(new ArchiveChange
        {
            CustomerId = customer.Id, Field = field, OldValue = from, NewValue = to, ChangedBy = me.UserName, ChangedAt = now,
        });
        if (name is not null && name != customer.Name)
        {
            History("name", ArchiveChange.Clip(customer.Name), ArchiveChange.Clip(name));
            customer.SetName(name, customer.Type == CustomerType.Individual);
        }
        if (mobile.Value != customer.Mobile)
        {
            History("mobile", Phone.Mask(customer.Mobile), Phone.Mask(mobile.Value));
            customer.SetMobile(mobile.Value);
        }
        db.CallbackCorrections.Add(new CallbackCorrection
        {
            StoreId = task.StoreId, TaskId = task.Id, CustomerId = customer.Id, At = now, ByUserId = me.Id, ByName = me.DisplayName, OldMobile = old,
            Name = name, Mobile = mobile.Value!, OtherPhone = other, Note = note,
        });
        // Open to be called again at once; the failed attempts so far still count towards the SMS survey.
        task.Status = CallbackStatus.Open;
        task.ClosedAt = null;
        task.ClosedBy = null;
        task.RescheduledTo = null;

        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(task, [], Refusal.Conflict);
        }
        await audit.WriteAsync(CallbackAuditActions.NumberCorrected, $"#{task.Id} {customer.ArchiveNumber}: {Phone.Mask(old)} → {Phone.Mask(mobile.Value)}",
            "CallbackTask", task.Id.ToString(CultureInfo.InvariantCulture), task.StoreId);
        await tx.CommitAsync();
        return new(task, []);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
