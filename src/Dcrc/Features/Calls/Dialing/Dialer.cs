using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Calls;

/// <summary>
/// Click-to-dial: the user asks the telephony system to ring their line and call a customer they work on — the
/// customer of a callback task they may record, or an archive they may see. The full number goes to the telephony
/// system only (through <see cref="CustomerArchive.NumberForCallAsync"/>, audited); the user sees it masked. The
/// attempt is kept with the call's end as the telephony system reports it, which suggests the task's outcome.
/// </summary>
public class Dialer(DcrcDb db, CurrentUser me, CallbackDesk tasks, MaskedCustomers cards, CustomerArchive archive, ISourceVisits visits, ITelephony telephony,
    UnitOfWork uow, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>The outcome a call's end suggests on the callback screen; none when the call did not happen.</summary>
    public static CallbackOutcome? SuggestedOutcome(DialStatus status) => status switch
    {
        DialStatus.Answered => CallbackOutcome.Success,
        DialStatus.Busy => CallbackOutcome.LineBusy,
        DialStatus.NoAnswer => CallbackOutcome.NoAnswer,
        DialStatus.Unreachable => CallbackOutcome.Unreachable,
        _ => null,
    };

    public async Task<Written<DialAttempt>> DialAsync(long? customerId, long? taskId, CancellationToken ct = default)
    {
        if (!await me.CanAsync(CallPermissions.Dial) || me.Id is not { } userId) return Written.Forbidden<DialAttempt>();
        int storeId;
        long customer;
        string? callerNumber = null;
        if (taskId is { } t)
        {
            var task = await tasks.FindAsync(t);
            if (task is null || (customerId is { } c && c != task.CustomerId)) return Written.NotFound<DialAttempt>();
            if (task.Status is not (CallbackStatus.Open or CallbackStatus.SmsSent)) return uow.Refuse<DialAttempt>("callbackTaskId", l["Dial.TaskClosed"]);
            (storeId, customer) = (task.StoreId, task.CustomerId);
            // A caller without an archive is called back on the number the call came from.
            // A visitor without an archive, on the number they gave at the showroom (the prospects' seam, audited there).
            if (customer == 0) callerNumber = task.Kind switch
            {
                CallbackKind.PromisedCallback or CallbackKind.MissedCall =>
                    await db.CallLogs.AsNoTracking().Where(x => x.Id == task.SourceId && x.StoreId == task.StoreId).Select(x => x.Number).FirstOrDefaultAsync(ct),
                CallbackKind.ShowroomVisit => await visits.NumberForCallAsync(task.StoreId, task.SourceId, $"task #{t}"),
                _ => null,
            };
            if (customer == 0 && callerNumber is null) return Written.NotFound<DialAttempt>();
        }
        else if (customerId is { } c && await cards.VisibleAsync(c) is { } card) (storeId, customer) = (card.StoreId, card.Id);
        else return Written.NotFound<DialAttempt>();

        var line = await db.AgentLines.AsNoTracking().Where(x => x.UserId == userId).OrderBy(x => x.StoreId == storeId ? 0 : 1).ThenBy(x => x.Id)
            .Select(x => x.Line).FirstOrDefaultAsync(ct);
        if (line is null) return uow.Refuse<DialAttempt>("line", l["Dial.NoLine"]);
        var number = callerNumber ?? await archive.NumberForCallAsync(storeId, customer, l["Dial.ToTelephony", line]);
        if (number is null) return uow.Refuse<DialAttempt>("customerId", l["Dial.NoNumber"]);

        var attempt = new DialAttempt
        {
            StoreId = storeId, UserId = userId, Line = line, CustomerId = customer, CallbackTaskId = taskId, RequestId = Guid.NewGuid().ToString("N"),
            MaskedNumber = Phone.Mask(number), RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DialAttempts.Add(attempt);
        uow.AuditOnSave(() => new(CallAuditActions.Dial, $"#{attempt.Id} {attempt.MaskedNumber} line {line}{(taskId is { } id ? $" task #{id}" : "")}",
            "DialAttempt", attempt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), storeId));
        var saved = await uow.SaveAsync(attempt, ct: ct);
        if (!saved.Saved) return saved;

        // Asked once the attempt is kept, so that an end reported at once finds it.
        var answer = await telephony.DialAsync(new DialRequest(attempt.RequestId, line, number, me.UserName ?? userId), ct);
        var tracked = await db.DialAttempts.SingleAsync(x => x.Id == attempt.Id, ct);
        tracked.ProviderCallId = answer.ProviderCallId;
        if (!answer.Taken) End(tracked, DialStatus.Failed, answer.Error);
        else if (answer.Ended is { } ended) End(tracked, ended, null);
        return await uow.SaveAsync(tracked, ct: ct);
    }

    private void End(DialAttempt a, DialStatus status, string? error)
    {
        a.Status = status;
        a.Error = error is null ? null : error.Length <= 300 ? error : error[..300];
        a.EndedAt = clock.GetUtcNow().UtcDateTime;
        a.Version++;
    }

    /// <summary>One of the user's own attempts (the screen polls it until the call has ended).</summary>
    public Task<DialAttempt?> FindAsync(long id)
    {
        var userId = me.Id ?? "";
        return db.DialAttempts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.UserId == userId);
    }

    /// <summary>
    /// The telephony system reports how a dialled call ended, by our request id or its call id; a repeat or a later
    /// report of an ended call changes nothing (answered with <c>duplicate</c>).
    /// </summary>
    public async Task<(Written<DialAttempt> Result, bool Duplicate)> ReportAsync(DialStatusInput input)
    {
        if (input.Status is not { } text || !text.All(char.IsAsciiLetter) || !Enum.TryParse<DialStatus>(text, true, out var status) || status == DialStatus.Requested)
            return (uow.Refuse<DialAttempt>("status", l["Validation.InvalidValue", "status"]), false);
        var q = db.DialAttempts.IgnoreQueryFilters();
        var found = !string.IsNullOrWhiteSpace(input.RequestId) ? await q.FirstOrDefaultAsync(x => x.RequestId == input.RequestId.Trim())
            : !string.IsNullOrWhiteSpace(input.CallId) ? await q.FirstOrDefaultAsync(x => x.ProviderCallId == input.CallId.Trim())
            : null;
        if (found is null) return (uow.Refuse<DialAttempt>("requestId", l["Dial.UnknownCall"]), false);
        if (found.Ended) return (Written.Unchanged(found), true);
        End(found, status, null);
        return (await uow.SaveAsync(found), false);
    }
}

/// <summary>The telephony system's report of a dialled call's end: <c>requestId</c> (ours) or <c>callId</c> (its own), and <c>status</c>.</summary>
public sealed record DialStatusInput(string? RequestId, string? CallId, string? Status);
