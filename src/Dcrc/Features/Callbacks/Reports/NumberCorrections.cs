using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The way off the invalid-information list (表4, SPEC §5): while a task is invalid, a DCRC user who works callbacks
/// and may edit the archive enters the right mobile (and, if found, the right name and another phone). The mobile
/// and name go into the archive with their history (numbers masked), the task is open again to be called (its
/// failed attempts kept), and the 表4 line shows what was found. All of it or nothing; audited.
/// </summary>
public class NumberCorrections(DcrcDb db, CurrentUser me, ContactDetails contacts, UnitOfWork uow, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<bool> MayCorrectAsync() => await me.CanAsync(CallbackPermissions.Work) && await me.CanAsync(CustomerPermissions.Write);

    /// <summary>
    /// 403 with its reason without the right to correct; 404 when the task or its archive is out of reach (the archive's
    /// own rule decides whose records this user may change); 409 when stale or no longer invalid.
    /// </summary>
    public async Task<Written<CallbackTask>> CorrectAsync(long taskId, CorrectNumberInput input)
    {
        if (!await MayCorrectAsync()) return uow.Refuse<CallbackTask>(WriteStatus.Forbidden, l["Reports.MayNotCorrect"]);
        var task = await db.CallbackTasks.SingleOrDefaultAsync(t => t.Id == taskId);
        if (task is null) return Written.NotFound<CallbackTask>();
        if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return uow.Refuse<CallbackTask>(WriteStatus.Invalid, unversioned);
        if (input.Version != task.Version) return uow.Conflict<CallbackTask>();
        if (task.Status != CallbackStatus.Invalid) return uow.Refuse<CallbackTask>(WriteStatus.Conflict, l["Reports.NotInvalid"]);

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Mobile)) errors["mobile"] = [l["Validation.Required", l["Field.CorrectMobile"]]];
        else if (Phone.CheckMobile(input.Mobile) is { Ok: false } wrong) errors["mobile"] = [l[wrong.ErrorKey!, l["Field.CorrectMobile"]]];
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
        if (errors.Count > 0) return uow.Refuse<CallbackTask>(WriteStatus.Invalid, errors);
        // The mobile and name go into the archive through its contact service: checked (a number another archive has too), with their history.
        var changed = await contacts.ChangeVisibleAsync(task.CustomerId, new ContactChange(Blank(input.Name), input.Mobile));
        if (changed is null) return uow.Refuse<CallbackTask>(WriteStatus.NotFound, Written.NoErrors);
        if (!changed.Ok) return uow.Refuse<CallbackTask>(WriteStatus.Invalid, changed.Errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var mobile = Phone.CheckMobile(input.Mobile).Value!;
        db.CallbackCorrections.Add(new CallbackCorrection
        {
            StoreId = task.StoreId, TaskId = task.Id, CustomerId = task.CustomerId, At = now, ByUserId = me.Id, ByName = me.DisplayName, OldMobile = changed.OldMobile,
            Name = Blank(input.Name), Mobile = mobile, OtherPhone = other, Note = note,
        });
        // Open to be called again at once; the failed attempts so far still count towards the SMS survey.
        task.Status = CallbackStatus.Open;
        task.ClosedAt = null;
        task.ClosedBy = null;
        task.RescheduledTo = null;
        uow.Audit(new(CallbackAuditActions.NumberCorrected, $"#{task.Id} {changed.ArchiveNumber}: {Phone.Mask(changed.OldMobile)} → {Phone.Mask(mobile)}",
            "CallbackTask", task.Id.ToString(CultureInfo.InvariantCulture), task.StoreId));
        return await uow.SaveAsync(task);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
