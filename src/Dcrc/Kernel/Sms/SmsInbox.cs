using Dcrc.Data;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Sms;

/// <summary>
/// A feature's interest in replies (e.g. the callback centre records the 1–10 score of an SMS survey). Every
/// registered handler is called for every reply matched to a message, except opt-outs; each looks at
/// <see cref="SmsMessage.Reason"/> and <see cref="SmsMessage.RelatedId"/> to see whether the message is its own.
/// It runs in the reply's transaction on the request's <see cref="DcrcDb"/>: its changes (saved by it or
/// left pending) commit together with the reply, and an exception rolls the reply back (the provider retries).
/// </summary>
public interface ISmsReplyHandler
{
    Task HandleAsync(SmsMessage message, SmsReply reply, CancellationToken ct);
}

/// <summary>What the provider reports: replies from customers and delivery of sent messages.</summary>
public class SmsInbox(DcrcDb db, SmsOutbox outbox, SettingsStore settings, TimeProvider clock, IEnumerable<ISmsReplyHandler> handlers)
{
    public sealed record ReplyResult(SmsReply Reply, SmsMessage? Message, bool Duplicate);

    /// <summary>
    /// Records an inbound message once (a provider's retry finds the first), matches it to the latest message
    /// sent to that mobile within <see cref="SmsSettings.ReplyMatchDays"/>, and either records an opt-out
    /// (TD/退订: for the purpose of the message answered, marketing when none) or hands it to the handlers.
    /// </summary>
    public async Task<ReplyResult> ReceiveReplyAsync(string mobile, string text, DateTime? receivedAtUtc, string? providerReplyId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var at = receivedAtUtc ?? now;
        text = SmsRules.Clip(text.Trim(), 500);
        var key = SmsRules.ReplyKey(providerReplyId, mobile, text, at);
        if (await FindAsync(key, ct) is { } seen) return seen;

        var days = await settings.GetAsync(SmsSettings.ReplyMatchDays, null);
        var since = at.AddDays(-days);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Replies come from any store's customers: the inbox looks across stores.
        var message = await db.SmsMessages.IgnoreQueryFilters()
            .Where(m => m.Mobile == mobile && m.SentAt != null && m.SentAt >= since && m.SentAt <= at)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        var optOut = SmsRules.IsOptOut(text);
        var reply = new SmsReply
        {
            MessageId = message?.Id, StoreId = message?.StoreId, From = mobile, Text = text, ReceivedAt = at, RecordedAt = now,
            ProviderReplyId = string.IsNullOrWhiteSpace(providerReplyId) ? null : SmsRules.Clip(providerReplyId.Trim(), 100), DedupeKey = key, OptOut = optOut,
        };
        db.SmsReplies.Add(reply);
        if (message != null)
        {
            message.Reply = text;
            message.RepliedAt = at;
        }
        if (optOut) outbox.RecordPreference(message?.StoreId, mobile, message?.Purpose ?? SmsPurpose.Marketing, false, SmsPreferenceSource.Reply, text, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same reply, recorded meanwhile by a concurrent retry of the provider.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await FindAsync(key, ct) ?? throw new InvalidOperationException("SMS reply neither saved nor found");
        }
        if (!optOut && message != null)
        {
            foreach (var handler in handlers) await handler.HandleAsync(message, reply, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new(reply, message, false);
    }

    private async Task<ReplyResult?> FindAsync(string key, CancellationToken ct)
    {
        var reply = await db.SmsReplies.AsNoTracking().FirstOrDefaultAsync(r => r.DedupeKey == key, ct);
        if (reply is null) return null;
        var message = reply.MessageId is { } id ? await db.SmsMessages.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        return new(reply, message, true);
    }

    /// <summary>
    /// A delivery report: delivered, or not deliverable (then the message fails with the provider's error).
    /// Reports repeat and arrive out of order, so delivered stays delivered. Null when no message has that id.
    /// </summary>
    public async Task<SmsMessage?> ReceiveStatusAsync(string providerMessageId, bool delivered, DateTime? atUtc, string? error, CancellationToken ct = default)
    {
        var message = await db.SmsMessages.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.ProviderMessageId == providerMessageId, ct);
        if (message is null) return null;
        var at = atUtc ?? clock.GetUtcNow().UtcDateTime;
        if (delivered && message.Status != SmsStatus.Delivered)
        {
            message.Status = SmsStatus.Delivered;
            message.DeliveredAt = at;
            message.LastError = null;
        }
        else if (!delivered && message.Status == SmsStatus.Sent)
        {
            message.Status = SmsStatus.Failed;
            message.LastError = SmsRules.Clip(string.IsNullOrWhiteSpace(error) ? "undelivered" : error.Trim(), 500);
        }
        await db.SaveChangesAsync(ct);
        return message;
    }
}
