using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Kernel.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// A reply to the SMS survey (短信发送记录表, 表13): a score 1–10 completes the task with that score and its band
/// (0–5 opens a grievance case, as on the phone); anything else stays in the SMS log and the task keeps waiting.
/// </summary>
public class CallbackSmsReplies(DcrcDb db, CallbackDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> l) : ISmsReplyHandler
{
    /// <summary>The outbox reason of the SMS survey; its label is the resource SmsReason.callbacks.smsSurvey.</summary>
    public const string Reason = "callbacks.smsSurvey";

    public async Task<SmsReplyOutcome> HandleAsync(SmsMessage message, SmsReply reply, CancellationToken ct)
    {
        if (message.Reason != Reason || message.RelatedId is not { } taskId) return SmsReplyOutcome.NotMine;
        Kernel.Localization.Cultures.UseDefaultWhenUnset();
        // A provider's webhook has no user: the task is found by the message that names it (the inbox reads across stores).
        var task = await db.CallbackTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.SmsMessageId == message.Id, ct);
        if (task is null || task.Status != CallbackStatus.SmsSent) return SmsReplyOutcome.NotMine;
        if (Satisfaction.ScoreOfReply(reply.Text) is not { } score) return SmsReplyOutcome.NotAnAnswer; // the survey keeps waiting
        task.Status = CallbackStatus.Completed;
        task.ClosedAt = clock.GetUtcNow().UtcDateTime;
        task.ClosedBy = "sms";
        await desk.ScoreAsync(task, score);
        await db.SaveChangesAsync(ct);
        if (task.Band == SatisfactionBand.Dissatisfied)
            await desk.OpenComplaintAsync(task, ComplaintCategory.Other, l["Callbacks.DissatisfiedSms", score, reply.Text].Value);
        return SmsReplyOutcome.Answered;
    }
}
