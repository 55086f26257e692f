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
/// The run's status changes commit with the job's claim (see <see cref="JobRunner"/>). If the process dies
/// after the provider accepted a message but before the commit, the message is still queued and is sent
/// again by a later run. That is safe: every attempt carries the same <c>clientId</c> (store and idempotency
/// key, <see cref="HttpSmsGateway.ClientId"/>), so the provider recognises the repeat and does not text the
/// customer twice; and a message committed as sent is never taken again. Two instances never send the same
/// message at once, because only one of them holds a period's claim.
/// </remarks>
public sealed class SmsOutboxJob(DcrcDb db, SmsOutbox outbox, ISmsGateway gateway, SettingsStore settings, IOptions<SmsOptions> options,
    ILogger<SmsOutboxJob> log) : IScheduledJob
{
    public string Name => "sms.outbox";
    public TimeSpan Period => TimeSpan.FromMinutes(SmsSettings.OutboxPeriodMinutes.Default);

    public async Task<TimeSpan> PeriodAsync(CancellationToken ct) => TimeSpan.FromMinutes(await settings.GetAsync(SmsSettings.OutboxPeriodMinutes, null));

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        var batch = await settings.GetAsync(SmsSettings.BatchSize, null);
        var firstDelay = await settings.GetAsync(SmsSettings.RetryFirstDelayMinutes, null);
        var maxAttempts = await settings.GetAsync(SmsSettings.MaxAttempts, null);
        var budget = TimeSpan.FromSeconds(options.Value.RunBudgetSeconds);
        var started = Stopwatch.GetTimestamp();

        var due = await db.SmsMessages.Where(m => m.Status == SmsStatus.Queued && m.NextAttemptAt <= nowUtc)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(batch).ToListAsync(ct);
        foreach (var message in due)
        {
            if (Stopwatch.GetElapsedTime(started) > budget) break; // the rest waits for the next run
            if (await outbox.RefusalAsync(message.StoreId, message.Mobile, message.Purpose, ct) is { } refusal)
            {
                SmsOutbox.Block(message, refusal);
                continue;
            }
            message.Attempts++;
            var result = await SendAsync(message, ct);
            switch (result.Outcome)
            {
                case SmsSendOutcome.Accepted:
                    message.Status = SmsStatus.Sent;
                    message.SentAt = nowUtc;
                    message.ProviderMessageId = result.ProviderMessageId;
                    message.NextAttemptAt = null;
                    message.LastError = null;
                    break;
                case SmsSendOutcome.TransientFailure:
                    message.LastError = SmsRules.Clip(result.Error, 500);
                    message.NextAttemptAt = SmsRules.NextAttempt(nowUtc, message.Attempts, maxAttempts, firstDelay);
                    if (message.NextAttemptAt is null) message.Status = SmsStatus.Failed;
                    break;
                default:
                    message.LastError = SmsRules.Clip(result.Error, 500);
                    message.NextAttemptAt = null;
                    message.Status = SmsStatus.Failed;
                    break;
            }
            // The provider is down or overloaded: the other messages wait for the next run rather than each
            // waiting out its own timeout while this run holds the claim.
            if (result.Outcome == SmsSendOutcome.TransientFailure) break;
        }
        await db.SaveChangesAsync(ct);
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
