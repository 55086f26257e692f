using System.Diagnostics;
using Dcrc.Data;
using Dcrc.Kernel.Jobs;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Sms;

/// <summary>
/// Drains the outbox: every <see cref="SmsSettings.OutboxPeriodMinutes"/> it sends up to
/// <see cref="SmsSettings.BatchSize"/> due messages through the configured gateway, oldest due first.
/// Consent is checked again first (the customer may have opted out since the message was queued). A
/// transient failure retries after <see cref="SmsSettings.RetryFirstDelayMinutes"/>, doubling each time,
/// until <see cref="SmsSettings.MaxAttempts"/> attempts have failed; a permanent failure fails at once.
/// </summary>
/// <remarks>
/// The provider is never called while the job's claim transaction is open: <see cref="RunAsync"/> claims the
/// due messages (status <see cref="SmsStatus.Sending"/>, leased until <c>NextAttemptAt</c>) and commits with
/// the period's claim; <see cref="AfterCommitAsync"/> then sends them one by one and records each result at
/// once. If the process dies in between, the lease runs out and a later run takes the messages again. That
/// is safe: every attempt carries the same <c>clientId</c> (store and idempotency key,
/// <see cref="HttpSmsGateway.ClientId"/>), so the provider recognises the repeat and does not text the
/// customer twice; and a message recorded as sent is never taken again.
/// </remarks>
public sealed class SmsOutboxJob(DcrcDb db, SmsOutbox outbox, ISmsGateway gateway, SettingsStore settings, IOptions<SmsOptions> options,
    TimeProvider clock, ILogger<SmsOutboxJob> log) : IScheduledJob
{
    public string Name => "sms.outbox";
    public TimeSpan Period => TimeSpan.FromMinutes(SmsSettings.OutboxPeriodMinutes.Default);

    public async Task<TimeSpan> PeriodAsync(CancellationToken ct) => TimeSpan.FromMinutes(await settings.GetAsync(SmsSettings.OutboxPeriodMinutes, null));

    /// <summary>The messages this run claimed, still tracked by its context after the claim committed.</summary>
    private List<SmsMessage> _claimed = [];

    /// <summary>How long a run holds its messages: its time budget and then some.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.RunBudgetSeconds) + TimeSpan.FromMinutes(5);

    /// <summary>Claims the due messages (queued and due, or claimed by a run whose lease ran out), oldest due first.</summary>
    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        var batch = await settings.GetAsync(SmsSettings.BatchSize, null);
        var due = await db.SmsMessages.Where(m => (m.Status == SmsStatus.Queued || m.Status == SmsStatus.Sending) && m.NextAttemptAt <= nowUtc)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(batch).ToListAsync(ct);
        foreach (var message in due)
        {
            message.Status = SmsStatus.Sending;
            message.NextAttemptAt = nowUtc + Lease;
        }
        await db.SaveChangesAsync(ct);
        _claimed = due;
    }

    /// <summary>Sends the claimed messages, outside any transaction, recording each result as it comes.</summary>
    public async Task AfterCommitAsync(DateTime nowUtc, CancellationToken ct)
    {
        var firstDelay = await settings.GetAsync(SmsSettings.RetryFirstDelayMinutes, null);
        var maxAttempts = await settings.GetAsync(SmsSettings.MaxAttempts, null);
        var budget = TimeSpan.FromSeconds(options.Value.RunBudgetSeconds);
        var started = Stopwatch.GetTimestamp();
        var stop = false;
        foreach (var message in _claimed)
        {
            // Over budget, or the provider is down or overloaded: the rest go back to the queue for the next
            // run rather than each waiting out its own timeout.
            if (stop || Stopwatch.GetElapsedTime(started) > budget)
            {
                message.Status = SmsStatus.Queued;
                message.NextAttemptAt = nowUtc;
                await db.SaveChangesAsync(ct);
                continue;
            }
            if (await outbox.RefusalAsync(message.StoreId, message.Mobile, message.Purpose, ct) is { } refusal)
            {
                SmsOutbox.Block(message, refusal);
                await db.SaveChangesAsync(ct);
                continue;
            }
            message.Attempts++;
            var result = await SendAsync(message, ct);
            var at = clock.GetUtcNow().UtcDateTime;
            switch (result.Outcome)
            {
                case SmsSendOutcome.Accepted:
                    message.Status = SmsStatus.Sent;
                    message.SentAt = at;
                    message.ProviderMessageId = result.ProviderMessageId;
                    message.NextAttemptAt = null;
                    message.LastError = null;
                    break;
                case SmsSendOutcome.TransientFailure:
                    message.Status = SmsStatus.Queued;
                    message.LastError = SmsRules.Clip(result.Error, 500);
                    message.NextAttemptAt = SmsRules.NextAttempt(at, message.Attempts, maxAttempts, firstDelay);
                    if (message.NextAttemptAt is null) message.Status = SmsStatus.Failed;
                    stop = true;
                    break;
                default:
                    message.LastError = SmsRules.Clip(result.Error, 500);
                    message.NextAttemptAt = null;
                    message.Status = SmsStatus.Failed;
                    break;
            }
            await db.SaveChangesAsync(ct);
        }
        _claimed = [];
    }

    private async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct)
    {
        try
        {
            return await gateway.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "SMS {Id}: the gateway failed", message.Id);
            return SmsSendResult.Transient(ex.GetType().Name);
        }
    }
}
