using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Sms;

/// <summary><c>/api/v1/sms</c>: the send log (表13), replies and consents for staff; the provider's webhooks.</summary>
public static class SmsApi
{
    /// <summary>A message of the log. No customer name: the kernel cannot apply the archive's class-A rule (the callback reports' SMS log shows names).</summary>
    public sealed record MessageDto(long Id, int StoreId, long? CustomerId, string Mobile, SmsPurpose Purpose, string Reason,
        string ReasonLabel, long? RelatedId, string Body, SmsStatus Status, SmsBlockedReason? BlockedReason, int Attempts, DateTime? NextAttemptAt,
        string? LastError, DateTime CreatedAt, string? CreatedBy, DateTime? SentAt, DateTime? DeliveredAt, string? Reply, DateTime? RepliedAt);
    public sealed record ReplyDto(long Id, long? MessageId, int? StoreId, string From, string Text, DateTime ReceivedAt, bool OptOut);
    public sealed record PreferenceDto(long Id, int? StoreId, string Mobile, SmsPurpose Purpose, bool Allowed, DateTime At, SmsPreferenceSource Source,
        string? Reason, string? By);
    /// <summary>Whether a message of the purpose would go out now, and the row deciding it (null: none recorded).</summary>
    public sealed record PurposeState(SmsPurpose Purpose, bool Sendable, SmsBlockedReason? Refusal, PreferenceDto? Latest);
    public sealed record Preferences(int StoreId, string Mobile, IReadOnlyList<PurposeState> Current, IReadOnlyList<PreferenceDto> History);

    public sealed record PreferenceInput(
        [property: Display(Name = "Field.Store")] int? StoreId,
        [property: Required, Display(Name = "Field.Mobile")] string? Mobile,
        [property: Required, Display(Name = "Sms.Field.Purpose")] SmsPurpose? Purpose,
        [property: Required, Display(Name = "Sms.Field.Allowed")] bool? Allowed,
        [property: Required, MaxLength(200), Display(Name = "Sms.Field.Reason")] string? Reason);

    public static RouteGroupBuilder MapSmsApi(this RouteGroupBuilder api)
    {
        var sms = api.MapGroup("/sms");
        sms.MapGet("messages", Messages).RequireAuthorization(SmsPermissions.Read.Policy)
            .WithSummary("The SMS log (表13), newest first: storeId, from/to (yyyy-MM-dd, store time), status, purpose; mobiles masked; reading is audited");
        sms.MapGet("replies", Replies).RequireAuthorization(SmsPermissions.Read.Policy)
            .WithSummary("Inbound messages, newest first, matched to a message or not (matched=false: only the unmatched); mobiles masked");
        sms.MapGet("preferences", GetPreferences).RequireAuthorization(SmsPermissions.Read.Policy)
            .WithSummary("Consent and opt-outs of a mobile for a store: whether each purpose (service, survey, marketing) may be sent now, and the history");
        sms.MapPost("preferences", PostPreference).RequireAuthorization(SmsPermissions.Preferences.Policy)
            .WithSummary("Record a consent (allowed=true) or an opt-out (allowed=false) of a mobile for a purpose, with the reason (audited); the latest record decides");
        SmsWebhooks.Map(sms);
        return api;
    }

    public static string ReasonLabel(IStringLocalizer l, string reason)
    {
        var label = l["SmsReason." + reason];
        return label.ResourceNotFound ? reason : label.Value;
    }

    private static MessageDto ToDto(SmsMessage m, IStringLocalizer l) => new(m.Id, m.StoreId, m.CustomerId, Phone.Mask(m.Mobile), m.Purpose,
        m.Reason, ReasonLabel(l, m.Reason), m.RelatedId, m.Body, m.Status, m.BlockedReason, m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.CreatedBy,
        m.SentAt, m.DeliveredAt, m.Reply, m.RepliedAt);

    private static PreferenceDto ToDto(SmsPreference p) => new(p.Id, p.StoreId, Phone.Mask(p.Mobile), p.Purpose, p.Allowed, p.At, p.Source, p.Reason, p.By);

    private static bool TryEnum<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (int.TryParse(text, out _) || !Enum.TryParse<T>(text, ignoreCase: true, out var v) || !Enum.IsDefined(v)) return false;
        value = v;
        return true;
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    public static async Task<Results<Ok<Paged<MessageDto>>, ValidationProblem>> Messages(int? storeId, string? from, string? to, string? status, string? purpose,
        DcrcDb db, StoreScope scope, AuditLog audit, ApiValidator validator, IStringLocalizer<SharedResource> l, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (storeId is { } sid && !scope.CanSee(sid)) errors["storeId"] = [l["Validation.InvalidValue", l["Field.Store"]]];
        if (!TryDate(from, out var fromDate)) errors["from"] = [l["Sms.DateFormat", l["Sms.Field.FromDate"]]];
        if (!TryDate(to, out var toDate)) errors["to"] = [l["Sms.DateFormat", l["Sms.Field.ToDate"]]];
        if (!TryEnum<SmsStatus>(status, out var st)) errors["status"] = [l["Validation.InvalidValue", l["Sms.Field.Status"]]];
        if (!TryEnum<SmsPurpose>(purpose, out var pu)) errors["purpose"] = [l["Validation.InvalidValue", l["Sms.Field.Purpose"]]];
        if (errors.Count > 0) return validator.Problem(errors);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 100));

        var zone = StoreTime.GroupZone;
        if (storeId is { } s && await db.Stores.AsNoTracking().Where(x => x.Id == s).Select(x => x.TimeZone).FirstOrDefaultAsync() is { } tz) zone = StoreTime.Zone(tz);
        var query = db.SmsMessages.AsNoTracking();
        if (storeId is { } store) query = query.Where(m => m.StoreId == store);
        if (fromDate is { } f) { var start = StoreTime.ToUtc(f.ToDateTime(TimeOnly.MinValue), zone); query = query.Where(m => m.CreatedAt >= start); }
        if (toDate is { } t) { var end = StoreTime.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), zone); query = query.Where(m => m.CreatedAt < end); }
        if (st is { } sv) query = query.Where(m => m.Status == sv);
        if (pu is { } pv) query = query.Where(m => m.Purpose == pv);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        await audit.WriteReadAsync(SmsAuditActions.ReadLog, $"storeId={storeId} from={from} to={to} status={status} purpose={purpose} page={page} → {total}", storeId: storeId);
        return TypedResults.Ok(new Paged<MessageDto>(rows.Select(m => ToDto(m, l)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<Paged<ReplyDto>>, ValidationProblem>> Replies(bool? matched, DcrcDb db, StoreScope scope, int page = 1, int pageSize = 20)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 100));
        // Unmatched replies belong to no store (their text may be about any store's customer): group users only.
        var query = db.SmsReplies.AsNoTracking().Where(r => scope.AllStores || (r.StoreId != null && scope.StoreIds.Contains(r.StoreId.Value)));
        if (matched is { } mt) query = mt ? query.Where(r => r.MessageId != null) : query.Where(r => r.MessageId == null);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return TypedResults.Ok(new Paged<ReplyDto>(rows.Select(r => new ReplyDto(r.Id, r.MessageId, r.StoreId, Phone.Mask(r.From), r.Text, r.ReceivedAt, r.OptOut)).ToList(),
            page, pageSize, total));
    }

    /// <summary>The store asked for (when visible), else the user's current or only store.</summary>
    private static async Task<(int? Store, string? Error)> StoreOfAsync(int? asked, StoreScope scope, DcrcDb db, IStringLocalizer l)
    {
        if (asked is { } id)
            return scope.CanSee(id) && await db.Stores.AnyAsync(s => s.Id == id) ? (id, null) : (null, l["Validation.InvalidValue", l["Field.Store"]]);
        if (scope.CurrentStoreId is { } current) return (current, null);
        if (!scope.AllStores && scope.StoreIds.Count == 1) return (scope.StoreIds[0], null);
        return (null, l["Validation.Required", l["Field.Store"]]);
    }

    public static async Task<Results<Ok<Preferences>, ValidationProblem>> GetPreferences(string? mobile, int? storeId, DcrcDb db, SmsOutbox outbox,
        StoreScope scope, AuditLog audit, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = new Dictionary<string, string[]>();
        var number = Phone.CheckMobile(mobile);
        if (string.IsNullOrWhiteSpace(mobile)) errors["mobile"] = [l["Validation.Required", l["Field.Mobile"]]];
        else if (!number.Ok) errors["mobile"] = [l[number.ErrorKey!, l["Field.Mobile"]]];
        var (store, storeError) = await StoreOfAsync(storeId, scope, db, l);
        if (storeError != null) errors["storeId"] = [storeError];
        if (errors.Count > 0) return validator.Problem(errors);

        var current = new List<PurposeState>();
        foreach (var purpose in Enum.GetValues<SmsPurpose>())
        {
            var latest = await outbox.LatestAsync(store!.Value, number.Value!, purpose);
            var refusal = SmsRules.Refusal(purpose, latest);
            current.Add(new(purpose, refusal is null, refusal, latest is null ? null : ToDto(latest)));
        }
        var history = await db.SmsPreferences.AsNoTracking().Where(p => p.Mobile == number.Value && (p.StoreId == store || p.StoreId == null))
            .OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Take(200).ToListAsync();
        await audit.WriteReadAsync(SmsAuditActions.ReadPreferences, Phone.Mask(number.Value), storeId: store);
        return TypedResults.Ok(new Preferences(store!.Value, Phone.Mask(number.Value), current, history.Select(ToDto).ToList()));
    }

    public static async Task<Results<Created<PreferenceDto>, ValidationProblem, ProblemHttpResult>> PostPreference(PreferenceInput input, DcrcDb db, SmsOutbox outbox, StoreScope scope,
        AuditLog audit, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (input?.StoreId is { } asked && !scope.CanSee(asked) && await db.Stores.AnyAsync(s => s.Id == asked)) return StoreReach.Forbidden(l, asked);
        var errors = validator.Validate(input);
        if (input is null) return validator.Problem(errors);
        var number = Phone.CheckMobile(input.Mobile);
        if (!number.Ok && !errors.ContainsKey("mobile")) errors["mobile"] = [l[number.ErrorKey!, l["Field.Mobile"]]];
        var (store, storeError) = await StoreOfAsync(input.StoreId, scope, db, l);
        if (storeError != null) errors["storeId"] = [storeError];
        if (errors.Count > 0) return validator.Problem(errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var row = outbox.RecordPreference(store, number.Value!, input.Purpose!.Value, input.Allowed!.Value, SmsPreferenceSource.Staff, input.Reason, audit.ActorName);
        await db.SaveChangesAsync();
        await audit.WriteAsync(SmsAuditActions.Preference, $"{Phone.Mask(row.Mobile)} {row.Purpose} {(row.Allowed ? "consent" : "opt-out")}: {Logging.Redact(row.Reason ?? "")}",
            nameof(SmsPreference), row.Id.ToString(CultureInfo.InvariantCulture), store);
        await tx.CommitAsync();
        return TypedResults.Created("/api/v1/sms/preferences", ToDto(row));
    }
}
