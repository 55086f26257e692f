using Dcrc.Kernel.Cases;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Calls;

/// <summary>
/// What the telephony system reports (<c>POST /api/v1/calls/incoming</c>, <c>/missed</c>): a call ringing on a line, or not
/// answered. Each push names the call by the system's own id (<see cref="CallLog.ProviderCallId"/>, unique), so a retried
/// or replayed push finds the call it recorded instead of logging it (and its call-back task) again.
/// </summary>
public partial class CallDesk
{
    // ---- what the telephony system reports -----------------------------------------------------------------------

    public sealed record Reported(CallLog? Call, Dictionary<string, string[]> Errors, string? AgentId = null, bool Duplicate = false);

    private async Task<(AgentLine? Line, Dictionary<string, string[]> Errors, string? Number, DateTime At)> CheckReportAsync(string? number, string? line, DateTimeOffset? at)
    {
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow().UtcDateTime;
        var normalised = Normalise(number);
        if (normalised is null) errors["number"] = [l["Validation.InvalidValue", l["Field.CallNumber"]]];
        var name = (line ?? "").Trim();
        var found = await db.AgentLines.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Line == name);
        if (found is null) errors["line"] = [l["Calls.UnknownLine", name]];
        var when = (at ?? clock.GetUtcNow()).UtcDateTime;
        if (when > now.AddMinutes(5) || when < now.AddDays(-MaxAgeDays)) errors["at"] = [l["Validation.InvalidValue", l["Field.CallAt"]]];
        return (found, errors, normalised, when);
    }

    /// <summary>
    /// A call rang on a line (or was missed): recorded for the line's store with the caller's archive when the number
    /// belongs to a customer there; a missed call makes its call-back task; a ringing one pops on the desk of the agent
    /// on the line (after commit).
    /// </summary>
    public async Task<Reported> ReceiveAsync(IncomingCallInput input)
    {
        var (line, errors, number, at) = await CheckReportAsync(input.Number, input.Line, input.At);
        if (errors.Count > 0) return new(null, errors);
        var providerId = Blank(input.ProviderCallId);
        if (await ReportedAsync(providerId) is { } seen) return new(seen, [], line!.UserId, Duplicate: true); // a retry or a replay
        scope.AllowAll(line!.StoreId); // the telephony system's call concerns the line's store
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await CallerAsync(number!, line.UserId);
        var call = new CallLog
        {
            StoreId = line.StoreId, At = at, Number = number!, CallerName = Blank(input.CallerName), Line = line.Line, ProviderCallId = providerId,
            Direction = CallDirection.Inbound, Missed = input.Missed, HandledBy = line.UserId, CustomerId = customer?.Id, VehicleId = customer?.VehicleId, CreatedAt = now,
        };
        if (line.UserId is { } agent) call.HandledByName = await db.Users.Where(u => u.Id == agent).Select(u => u.DisplayName).FirstOrDefaultAsync();
        db.CallLogs.Add(call);
        uow.AuditOnSave(() => new(call.Missed ? CallAuditActions.Missed : CallAuditActions.Received, $"#{call.Id} {line.Line}: {Phone.Mask(call.Number)}",
            "CallLog", call.Id.ToString(CultureInfo.InvariantCulture), call.StoreId));
        CallSignal? signal = null;
        var saved = await uow.SaveAsync(call, then: async () =>
        {
            if (call.Missed) call.CallbackTaskId = await TaskForAsync(call, CallbackKind.MissedCall, null, line.UserId, now);
            await db.SaveChangesAsync();
            signal = !call.Missed && line.UserId is { } user ? new CallSignal(user, call.Id, Phone.Mask(call.Number), line.Line, false) : null;
            if (signal is not null) await signals.NotifyOtherInstancesAsync(db, signal); // sent by the database at commit
        },
        // The same push at the same moment: the unique provider id let the other one in.
        taken: providerId is null ? null : () => uow.Refuse<CallLog>(WriteStatus.Duplicate, Written.NoErrors));
        if (!saved.Saved)
            return await ReportedAsync(providerId) is { } other ? new(other, [], line.UserId, Duplicate: true) : throw new InvalidOperationException("call neither saved nor found");
        if (signal is not null) signals.Deliver(signal); // this instance's pages, once the call can be read
        return new(call, [], line.UserId);
    }

    /// <summary>
    /// A call was not answered: the call that rang on that line from that number in the last two hours becomes a missed
    /// call (a repeat changes nothing), or a new missed call is recorded; either way with its call-back task.
    /// </summary>
    public async Task<Reported> MissedAsync(MissedCallInput input)
    {
        var (line, errors, number, at) = await CheckReportAsync(input.Number, input.Line, input.At);
        if (errors.Count > 0) return new(null, errors);
        scope.AllowAll(line!.StoreId);
        var providerId = Blank(input.ProviderCallId);
        // The call it names (in the line's store, now in scope), else the one that rang on that line from that number.
        var rang = (providerId is null ? null : await db.CallLogs.FirstOrDefaultAsync(c => c.ProviderCallId == providerId))
            ?? await db.CallLogs.Where(c => c.Line == line.Line && c.Number == number && c.Purpose == null && c.At >= at.AddHours(-2) && c.At <= at.AddMinutes(5))
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        if (rang is null) return await ReceiveAsync(new IncomingCallInput { Number = number, Line = line.Line, At = at, Missed = true, ProviderCallId = providerId });
        if (rang.Logged) return new(rang, [], line.UserId, Duplicate: true); // answered and logged: nothing to call back
        if (rang.Missed) return new(rang, [], line.UserId, Duplicate: true);
        var now = clock.GetUtcNow().UtcDateTime;
        rang.Missed = true;
        uow.Audit(new(CallAuditActions.Missed, $"#{rang.Id} {line.Line}: {Phone.Mask(rang.Number)}", "CallLog", rang.Id.ToString(CultureInfo.InvariantCulture), rang.StoreId));
        var saved = await uow.SaveAsync(rang, then: async () =>
        {
            rang.CallbackTaskId = await TaskForAsync(rang, CallbackKind.MissedCall, null, rang.HandledBy ?? line.UserId, now);
            await db.SaveChangesAsync();
        });
        // Logged or reported by someone else meanwhile.
        if (!saved.Saved) return new(await db.CallLogs.AsNoTracking().SingleAsync(c => c.Id == rang.Id), [], line.UserId, Duplicate: true);
        return new(rang, [], line.UserId);
    }

    /// <summary>The call the telephony system already reported under its id, in any store.</summary>
    private async Task<CallLog?> ReportedAsync(string? providerId) =>
        providerId is null ? null : await db.CallLogs.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.ProviderCallId == providerId);

    private sealed record Caller(long Id, long? VehicleId);

    /// <summary>
    /// The caller's archive: the only customer the number belongs to among those the agent on the line may see (the
    /// line's store when nobody sits on it), with their vehicle when they have only one; none when there are two or more.
    /// </summary>
    private async Task<Caller?> CallerAsync(string number, string? agent)
    {
        var viewer = agent is null ? new Viewer("", Kernel.Access.DataScope.Store, null, SeesClassA: true) : await archive.ViewerOfAsync(agent);
        var visible = archive.Visible(viewer);
        var ids = CustomerArchive.IdsByNumber(visible, db.Vehicles, number);
        var found = await visible.Where(c => ids.Contains(c.Id)).Select(c => c.Id).OrderBy(i => i).Take(2).ToListAsync();
        if (found.Count != 1) return null;
        var vehicles = await db.Vehicles.Where(v => v.CustomerId == found[0]).Select(v => v.Id).OrderBy(i => i).Take(2).ToListAsync();
        return new(found[0], vehicles.Count == 1 ? vehicles[0] : null);
    }
}
