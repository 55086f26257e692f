using Dcrc.Data;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Writes;
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
    Task<SmsReplyOutcome> HandleAsync(SmsMessage message, SmsReply reply, CancellationToken ct);
}

/// <summary>
/// What a handler made of a reply: not its message; the answer it waited for; or a reply to its message that is
/// no answer (chatter before the score) — then, unless another handler took it as the answer, the message keeps
/// waiting, so the customer's next reply can still answer it (the chatter stays in the reply log, linked to it).
/// </summary>
public enum SmsReplyOutcome { NotMine, Answered, NotAnAnswer }

/// <summary>What the provider reports: replies from customers and delivery of sent messages.</summary>
/// <remarks>
/// The provider speaks for every store (a reply comes from any store's customer, a report names any store's message):
/// each call opens the request's <see cref="Access.StoreScope"/> to all stores, so the inbox and its handlers read
/// across stores without lifting the store filter query by query.
/// </remarks>
public class SmsInbox(DcrcDb db, SmsOutbox outbox, SettingsStore settings, UnitOfWork uow, TimeProvider clock, IEnumerable<ISmsReplyHandler> handlers, Access.StoreScope scope)
{
    public sealed record ReplyResult(SmsReply Reply, SmsMessage? Message, bool Duplicate);

    /// <summary>
    /// Records an inbound message once (a provider's retry finds the first), matches it to the newest message sent to
    /// that mobile within <see cref="SmsSettings.ReplyMatchDays"/> that is still waiting for a reply (never replacing a
    /// recorded one), and either records an opt-out
    /// (TD/退订: for the purpose of the message answered, marketing when none) or hands it to the handlers.
    /// </summary>
    public async Task<ReplyResult> ReceiveReplyAsync(string mobile, string text, DateTime? receivedAtUtc, string? providerReplyId, CancellationToken ct = default)
    {
        scope.AllowAll(null);
        var now = clock.GetUtcNow().UtcDateTime;
        var at = receivedAtUtc ?? now;
        text = SmsRules.Clip(text.Trim(), 500);
        var key = SmsRules.ReplyKey(providerReplyId, mobile, text, at);
        if (await FindAsync(key, ct) is { } seen) return seen;

        var days = await settings.GetAsync(SmsSettings.ReplyMatchDays, null);
        var since = at.AddDays(-days);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A reply answers the newest message still
        // waiting for one; a recorded reply is never replaced (with none waiting the reply is kept, unmatched).
        var waiting = db.SmsMessages.AsNoTracking()
            .Where(m => m.Mobile == mobile && m.SentAt != null && m.SentAt >= since && m.SentAt <= at && m.Reply == null)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id);
        SmsMessage? message = null;
        for (var attempt = 0; attempt < 3 && message is null; attempt++)
        {
            if (await waiting.FirstOrDefaultAsync(ct) is not { } candidate) break;
            // Taken only while it still waits: a concurrent reply that answered it first keeps it, and this one tries the next.
            var taken = await db.SmsMessages.Where(m => m.Id == candidate.Id && m.Reply == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Reply, text).SetProperty(m => m.RepliedAt, at), ct);
            if (taken != 1) continue;
            candidate.Reply = text;
            candidate.RepliedAt = at;
            message = candidate;
        }
        var optOut = SmsRules.IsOptOut(text);
        var reply = new SmsReply
        {
            MessageId = message?.Id, StoreId = message?.StoreId, From = mobile, Text = text, ReceivedAt = at, RecordedAt = now,
            ProviderReplyId = string.IsNullOrWhiteSpace(providerReplyId) ? null : SmsRules.Clip(providerReplyId.Trim(), 100), DedupeKey = key, OptOut = optOut,
        };
        db.SmsReplies.Add(reply);
        if (optOut) outbox.RecordPreference(message?.StoreId, mobile, message?.Purpose ?? SmsPurpose.Marketing, false, SmsPreferenceSource.Reply, text, null);
        // The same reply, recorded meanwhile by a concurrent retry of the provider (unique key): theirs is the one.
        if (!(await uow.SaveAsync(reply, ct: ct, taken: () => uow.Refuse<SmsReply>(WriteStatus.Duplicate, Written.NoErrors))).Saved)
        {
            await tx.RollbackAsync(ct);
            return await FindAsync(key, ct) ?? throw new InvalidOperationException("SMS reply neither saved nor found");
        }
        if (!optOut && message != null)
        {
            var outcomes = new List<SmsReplyOutcome>();
            foreach (var handler in handlers) outcomes.Add(await handler.HandleAsync(message, reply, ct));
            await db.SaveChangesAsync(ct);
            if (outcomes.Contains(SmsReplyOutcome.NotAnAnswer) && !outcomes.Contains(SmsReplyOutcome.Answered))
                await db.SmsMessages.Where(m => m.Id == message.Id && m.Reply == text)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Reply, (string?)null).SetProperty(m => m.RepliedAt, (DateTime?)null), ct);
        }
        await tx.CommitAsync(ct);
        return new(reply, message, false);
    }

    private async Task<ReplyResult?> FindAsync(string key, CancellationToken ct)
    {
        var reply = await db.SmsReplies.AsNoTracking().FirstOrDefaultAsync(r => r.DedupeKey == key, ct);
        if (reply is null) return null;
        var message = reply.MessageId is { } id ? await db.SmsMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        return new(reply, message, true);
    }

    /// <summary>
    /// A delivery report: delivered, or not deliverable (then the message fails with the provider's error).
    /// Reports repeat and arrive out of order, so delivered stays delivered. Null when no message has that id.
    /// </summary>
    public async Task<SmsMessage?> ReceiveStatusAsync(string providerMessageId, bool delivered, DateTime? atUtc, string? error, CancellationToken ct = default)
    {
        scope.AllowAll(null);
        var message = await db.SmsMessages.FirstOrDefaultAsync(m => m.ProviderMessageId == providerMessageId, ct);
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
