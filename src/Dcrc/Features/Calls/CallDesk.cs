using Dcrc.Kernel.Cases;
using System.Globalization;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Calls;

/// <summary>
/// The call desk (SPEC §7): the incoming-call log (顾客来电记录表), the calls the telephony system reports as they ring
/// or are missed, the call-backs they owe (tasks in the callback queue, due on the store's business calendar), the
/// interaction each logged call writes into the caller's archive, and who sits on which line. Everything a change
/// implies is saved in one transaction, or nothing. Errors are keyed by camelCase field, as the API reports them.
/// </summary>
public partial class CallDesk(DcrcDb db, CurrentUser me, StoreScope scope, CustomerArchive archive, StoreCalendars calendars, SettingsStore settings,
    CallSignals signals, AuditLog audit, StoreClock storeClock, TimeProvider clock, IStringLocalizer<SharedResource> l, UnitOfWork uow, CallbackOpenings callbacks,
    ContactLog contacts)
{
    public sealed record Row(long Id, int StoreId, DateTime At, string Number, string? CallerName, string? Line, bool Missed, CallPurpose? Purpose,
        string? Content, string? Handling, string? HandledByName, bool CallbackOwed, DateTime? PromisedCallbackAt, long? CallbackTaskId, long? CustomerId,
        string? CustomerName, long? ComplaintId, int Version);

    /// <summary>How far back a reported or logged call may lie.</summary>
    public const int MaxAgeDays = 30;

    /// <summary>
    /// A number as stored: a mobile as 11 digits, a landline as 020-38881234, any other run of 3–20 digits (an
    /// extension, a number abroad) as its digits; null when it is none of these.
    /// </summary>
    public static string? Normalise(string? input)
    {
        var digits = Phone.Digits(input);
        if (Phone.CheckMobile(digits).Ok) return digits;
        if (Phone.CheckLandline(digits).Value is { } landline) return landline;
        return digits.Length is >= 3 and <= 20 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private Task<TimeZoneInfo> ZoneAsync(int? storeId) => storeClock.ZoneAsync(storeId);

    /// <summary>Today in the current store's zone (the group's when looking at every store).</summary>
    public Task<DateOnly> TodayAsync() => storeClock.TodayAsync();

    /// <summary>The store a new entry belongs to: the one asked for or chosen in the switcher, else the user's only store.</summary>
    private async Task<int?> StoreForAsync(int? asked)
    {
        var mine = (await db.Stores.AsNoTracking().Where(s => s.IsActive).Select(s => s.Id).ToListAsync()).Where(scope.CanSee).ToList();
        if (asked is { } a) return mine.Contains(a) ? a : null;
        if (scope.CurrentStoreId is { } current) return current;
        var own = me.StoreIds.Where(mine.Contains).ToList();
        return own.Count == 1 ? own[0] : mine.Count == 1 ? mine[0] : null;
    }

    // ---- the log -----------------------------------------------------------------------------------------------

    /// <summary>Logs a call: a new entry, or the ringing / missed call the telephony system reported. Links the caller's archive, writes the interaction and makes the call-back task owed.</summary>
    public async Task<Written<CallLog>> LogAsync(CallInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        CallLog call;
        if (input.CallId is { } callId)
        {
            var found = await db.CallLogs.FirstOrDefaultAsync(c => c.Id == callId);
            if (found is null) return Written.NotFound<CallLog>();
            if (input.Version is { } v && v != found.Version) return uow.Conflict<CallLog>();
            if (found.Logged) return uow.Refuse<CallLog>("callId", l["Calls.AlreadyLogged"]);
            call = found;
        }
        else
        {
            var number = Normalise(input.Number);
            if (string.IsNullOrWhiteSpace(input.Number)) errors["number"] = [l["Validation.Required", l["Field.CallNumber"]]];
            else if (number is null) errors["number"] = [l["Validation.InvalidValue", l["Field.CallNumber"]]];
            var store = await StoreForAsync(input.StoreId);
            if (store is null) errors["storeId"] = [l["Calls.ChooseStore"]];
            var at = (input.At ?? clock.GetUtcNow()).UtcDateTime;
            if (at > now.AddMinutes(5) || at < now.AddDays(-MaxAgeDays)) errors["at"] = [l["Validation.InvalidValue", l["Field.CallAt"]]];
            call = new CallLog { StoreId = store ?? 0, At = at, Number = number ?? "", Line = Blank(input.Line), Direction = CallDirection.Inbound, CreatedAt = now };
        }
        if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose)) errors["purpose"] = [l["Validation.Required", l["Field.CallPurpose"]]];
        if (string.IsNullOrWhiteSpace(input.Content)) errors["content"] = [l["Validation.Required", l["Field.CallContent"]]];
        DateTime? promised = input.PromisedCallbackAt?.UtcDateTime;
        if (promised is { } p && (p <= now || p > now.AddDays(90))) errors["promisedCallbackAt"] = [l["Validation.InvalidValue", l["Field.PromisedCallbackAt"]]];

        var viewer = await archive.ViewerAsync();
        var visible = archive.Visible(viewer);
        long? customerId = null;
        if (input.CustomerId is { } cid)
        {
            if (!await visible.AnyAsync(c => c.Id == cid)) errors["customerId"] = [l["Validation.InvalidValue", l["Field.Customer"]]];
            else customerId = cid;
        }
        else if (call.Number.Length > 0)
        {
            // The caller's archive when the number belongs to exactly one customer the user may see (a reported call's
            // link, made for the agent on the line, is checked again for whoever logs it).
            var byNumber = CustomerArchive.IdsByNumber(visible, db.Vehicles, call.Number);
            var ids = await visible.Where(c => byNumber.Contains(c.Id)).Select(c => c.Id).OrderBy(i => i).Take(2).ToListAsync();
            if (ids.Count == 1) customerId = ids[0];
        }
        long? vehicleId = null;
        if (input.VehicleId is { } vid)
        {
            if (customerId is null || !await db.Vehicles.AnyAsync(x => x.Id == vid && x.CustomerId == customerId)) errors["vehicleId"] = [l["Validation.InvalidValue", l["Field.Vehicle"]]];
            else vehicleId = vid;
        }
        else if (customerId is { } owner)
        {
            var vehicles = await db.Vehicles.Where(x => x.CustomerId == owner).Select(x => x.Id).OrderBy(i => i).Take(2).ToListAsync();
            if (vehicles.Count == 1) vehicleId = vehicles[0];
        }
        if (errors.Count > 0) return uow.Refuse<CallLog>(WriteStatus.Invalid, errors);

        call.Purpose = input.Purpose;
        call.ComplaintCategory = input.Purpose == CallPurpose.Complaint ? input.ComplaintCategory : null;
        call.CallerName = Blank(input.CallerName) ?? call.CallerName;
        call.Content = input.Content!.Trim();
        call.Handling = Blank(input.Handling);
        call.HandledBy = me.Id;
        call.HandledByName = me.DisplayName;
        call.LoggedAt = now;
        call.CallbackOwed = input.CallbackOwed || promised is not null;
        call.PromisedCallbackAt = promised;
        call.CustomerId = customerId;
        call.VehicleId = vehicleId;
        if (call.Id == 0) db.CallLogs.Add(call);

        uow.AuditOnSave(() => new(CallAuditActions.Logged, $"#{call.Id} {call.Purpose} {Phone.Mask(call.Number)}{(call.CallbackTaskId is { } t ? $" → task #{t}" : "")}",
            "CallLog", call.Id.ToString(CultureInfo.InvariantCulture), call.StoreId));
        // After the version-checked save, in its transaction: the archive's interaction, the call-back task owed.
        return await uow.SaveAsync(call, then: async () =>
        {
            if (call.CustomerId is { } linked)
            {
                // The call is also one of the customer's interactions (沟通记录), and counts for the class cadence.
                var summary = l["Calls.InteractionSummary", l["CallPurpose." + call.Purpose].Value, call.Content].Value;
                call.InteractionId = (await contacts.RecordAsync(new NewContact(call.StoreId, linked, call.VehicleId, InteractionChannel.Call, call.At, summary, call.Handling))).Id;
            }
            if (call.CallbackOwed) call.CallbackTaskId = await TaskForAsync(call, CallbackKind.PromisedCallback, promised, me.Id, now);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// The call-back a call owes, in the caller's transaction: a promised time is when it is due; otherwise within the
    /// setting's working hours (from the call for a missed call, from now for a call-back owed). Missed calls and promised
    /// call-backs appear in the callback queue of the agent (the pool when nobody sits on the line).
    /// </summary>
    private async Task<long> TaskForAsync(CallLog call, CallbackKind kind, DateTime? promised, string? assignTo, DateTime now)
    {
        var calendar = await calendars.ForStoreAsync(call.StoreId);
        DateTime opensAt, dueAt;
        if (promised is { } at) (opensAt, dueAt) = (at, at);
        else
        {
            var hours = await settings.GetAsync(kind == CallbackKind.MissedCall ? CallSettings.MissedCallHours : CallSettings.CallbackOwedHours, call.StoreId);
            var from = kind == CallbackKind.MissedCall ? call.At : now;
            (opensAt, dueAt) = (calendar.Add(from, TimeSpan.Zero), calendar.Add(from, TimeSpan.FromHours(hours)));
        }
        return await callbacks.OpenAsync(new NewCallback(call.StoreId, kind, call.Id, StoreTime.DateOf(call.At, calendar.Zone), call.CustomerId ?? 0, call.VehicleId,
            StoreTime.DateOf(opensAt, calendar.Zone), StoreTime.DateOf(dueAt, calendar.Zone)) { AssignTo = assignTo, PromisedAt = promised });
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /// <summary>One entry of the user's stores; reading one that names a customer is audited.</summary>
    public async Task<CallLog?> FindAsync(long id)
    {
        var call = await db.CallLogs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (call?.CustomerId is { } customer)
            await audit.WriteReadAsync(CallAuditActions.Read, $"#{call.Id} customer {customer}", "CallLog", call.Id.ToString(CultureInfo.InvariantCulture), call.StoreId);
        return call;
    }

    /// <summary>The entries of the user's stores (the current one when chosen) from <paramref name="from"/> to <paramref name="to"/>, store-local days, newest first; numbers masked.</summary>
    public async Task<Paged<Row>> ListAsync(DateOnly from, DateOnly to, int page, int pageSize)
    {
        var q = await RangeAsync(from, to);
        var total = await q.CountAsync();
        var rows = await RowsAsync(q.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize));
        return new(rows, page, pageSize, total);
    }

    private async Task<IQueryable<CallLog>> RangeAsync(DateOnly from, DateOnly to)
    {
        var zone = await ZoneAsync(scope.CurrentStoreId);
        var start = StoreTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        var end = StoreTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var q = db.CallLogs.AsNoTracking().Where(c => c.At >= start && c.At < end);
        if (scope.CurrentStoreId is { } store) q = q.Where(c => c.StoreId == store);
        return q;
    }

    private async Task<List<Row>> RowsAsync(IQueryable<CallLog> q)
    {
        var viewer = await archive.ViewerAsync();
        // Joined under the store filter (no IgnoreQueryFilters here: it would lift the filter off the whole query).
        var rows = await q.Select(c => new { C = c, Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => new { x.Name, x.Class }).FirstOrDefault() }).ToListAsync();
        return rows.Select(r => new Row(r.C.Id, r.C.StoreId, r.C.At, Phone.Mask(r.C.Number), viewer.ShownTyped(r.C.CallerName, r.Customer?.Class), r.C.Line, r.C.Missed, r.C.Purpose, r.C.Content, r.C.Handling,
            r.C.HandledByName, r.C.CallbackOwed, r.C.PromisedCallbackAt, r.C.CallbackTaskId, r.C.CustomerId,
            r.Customer is null ? null : viewer.ShownName(r.Customer.Name, r.Customer.Class), r.C.ComplaintId, r.C.Version)).ToList();
    }

    public const int ExportLimit = 50_000;

    /// <summary>The log of a date range as an .xlsx: masked as on screen, the exporting user and time in the file, the export audited.</summary>
    public async Task<(byte[] File, int Rows)> ExportAsync(DateOnly from, DateOnly to)
    {
        var q = await RangeAsync(from, to);
        var rows = await RowsAsync(q.OrderBy(c => c.At).ThenBy(c => c.Id).Take(ExportLimit));
        var zone = await ZoneAsync(scope.CurrentStoreId);
        var stores = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var at = StoreTime.FormatSeconds(clock.GetUtcNow().UtcDateTime, StoreTime.GroupZone);
        var file = Kernel.Excel.Spreadsheet.Write(l["Calls.LogTitle"],
            [l["Field.CallAt"], l["Field.Store"], l["Field.CallNumber"], l["Field.CallerName"], l["Field.Customer"], l["Field.CallPurpose"], l["Field.CallContent"],
                l["Field.CallHandling"], l["Field.HandledBy"], l["Field.PromisedCallbackAt"], l["Field.Status"]],
            rows.Select(r => (IReadOnlyList<string?>)[StoreTime.Format(r.At, zone), stores.GetValueOrDefault(r.StoreId), r.Number, r.CallerName, r.CustomerName,
                r.Purpose is { } p ? l["CallPurpose." + p].Value : null, r.Content, r.Handling, r.HandledByName,
                r.PromisedCallbackAt is { } pc ? StoreTime.Format(pc, zone) : r.CallbackOwed ? l["Calls.CallbackOwed"].Value : null, l[StatusKey(r)].Value]),
            [l["Export.By", me.DisplayName, me.UserName ?? "", at], l["Calls.ExportRange", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows.Count], l["Export.Confidential"]]);
        await audit.WriteAsync(CallAuditActions.Export, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {rows.Count} rows");
        return (file, rows.Count);
    }

    /// <summary>The resource key of an entry's state: missed, ringing (reported, not logged yet) or logged.</summary>
    public static string StatusKey(Row r) => r.Missed ? "Calls.Status.Missed" : r.Purpose is null ? "Calls.Status.Ringing" : "Calls.Status.Logged";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
