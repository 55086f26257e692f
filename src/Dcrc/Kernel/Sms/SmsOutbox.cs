using Dcrc.Data;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Sms;

/// <summary>
/// A message a feature wants sent. <see cref="IdempotencyKey"/> names it for good (e.g. <c>callback:123:sms</c>):
/// queuing the same key for the same store again gives back the first message.
/// </summary>
public sealed record SmsRequest(int StoreId, string Mobile, SmsPurpose Purpose, string Reason, string Body, string IdempotencyKey)
{
    public const int MaxBodyLength = 500;
    public long? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    /// <summary>The caller's record the message belongs to (e.g. the callback task).</summary>
    public long? RelatedId { get; init; }
    /// <summary>Not sent before this instant (UTC); default: at once.</summary>
    public DateTime? NotBefore { get; init; }
}

public enum SmsEnqueueOutcome { Queued, Duplicate, Blocked }

public sealed record SmsEnqueueResult(SmsMessage Message, SmsEnqueueOutcome Outcome);

/// <summary>
/// The outbox: features queue messages here in their own transaction; <see cref="SmsOutboxJob"/> sends them.
/// Consent is checked when a message is queued and again just before it is sent.
/// </summary>
public class SmsOutbox(DcrcDb db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>
    /// Adds the message to the caller's context (the scope's <see cref="DcrcDb"/>) without saving it: it
    /// commits with the caller's own change or not at all. A message consent or the number refuses is added
    /// as <see cref="SmsStatus.Blocked"/> with its reason, so the log shows it. The same store and key again
    /// (pending in this context or saved before) gives back the existing message; the unique index is the
    /// last guard against two contexts racing.
    /// </summary>
    public async Task<SmsEnqueueResult> EnqueueAsync(SmsRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Body);
        if (request.Body.Length > SmsRequest.MaxBodyLength) throw new ArgumentException($"An SMS body has at most {SmsRequest.MaxBodyLength} characters.", nameof(request));
        if (request.IdempotencyKey.Length > 100 || request.Reason.Length > 64) throw new ArgumentException("Idempotency key (100) or reason (64) too long.", nameof(request));

        var existing = db.ChangeTracker.Entries<SmsMessage>()
            .FirstOrDefault(e => e.State == EntityState.Added && e.Entity.StoreId == request.StoreId && e.Entity.IdempotencyKey == request.IdempotencyKey)?.Entity
            ?? await db.SmsMessages.IgnoreQueryFilters()
                .FirstOrDefaultAsync(m => m.StoreId == request.StoreId && m.IdempotencyKey == request.IdempotencyKey, ct);
        if (existing != null) return new(existing, SmsEnqueueOutcome.Duplicate);

        var now = clock.GetUtcNow().UtcDateTime;
        var mobile = Phone.CheckMobile(request.Mobile);
        var message = new SmsMessage
        {
            StoreId = request.StoreId, CustomerId = request.CustomerId, CustomerName = request.CustomerName is null ? null : SmsRules.Clip(request.CustomerName, 50),
            Mobile = mobile.Value ?? SmsRules.Clip(Phone.Digits(request.Mobile), 20), Purpose = request.Purpose, Reason = request.Reason,
            RelatedId = request.RelatedId, Body = request.Body, IdempotencyKey = request.IdempotencyKey, Status = SmsStatus.Queued,
            NextAttemptAt = request.NotBefore is { } later && later > now ? later : now, CreatedAt = now, CreatedBy = http.HttpContext?.User?.Identity?.Name,
        };
        var refusal = mobile.Ok ? await RefusalAsync(request.StoreId, message.Mobile, request.Purpose, ct) : SmsBlockedReason.InvalidMobile;
        if (refusal != null) Block(message, refusal.Value);
        db.SmsMessages.Add(message);
        return new(message, refusal is null ? SmsEnqueueOutcome.Queued : SmsEnqueueOutcome.Blocked);
    }

    public static void Block(SmsMessage message, SmsBlockedReason reason)
    {
        message.Status = SmsStatus.Blocked;
        message.BlockedReason = reason;
        message.NextAttemptAt = null;
    }

    /// <summary>Why a message to this mobile for this purpose may not go out from this store now, or null.</summary>
    public async Task<SmsBlockedReason?> RefusalAsync(int storeId, string mobile, SmsPurpose purpose, CancellationToken ct = default) =>
        SmsRules.Refusal(purpose, await LatestAsync(storeId, mobile, purpose, ct));

    /// <summary>The preference that decides: the latest of the store's own and the group-wide rows.</summary>
    public Task<SmsPreference?> LatestAsync(int storeId, string mobile, SmsPurpose purpose, CancellationToken ct = default) =>
        db.SmsPreferences.AsNoTracking()
            .Where(p => p.Mobile == mobile && p.Purpose == purpose && (p.StoreId == storeId || p.StoreId == null))
            .OrderByDescending(p => p.At).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Adds a consent or opt-out (never changes an earlier one) to the context, unsaved.</summary>
    public SmsPreference RecordPreference(int? storeId, string mobile, SmsPurpose purpose, bool allowed, SmsPreferenceSource source, string? reason, string? by)
    {
        var row = new SmsPreference
        {
            StoreId = storeId, Mobile = mobile, Purpose = purpose, Allowed = allowed, At = clock.GetUtcNow().UtcDateTime, Source = source,
            Reason = reason is null ? null : SmsRules.Clip(reason.Trim(), 200), By = by,
        };
        db.SmsPreferences.Add(row);
        return row;
    }
}
