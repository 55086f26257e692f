using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

[AuditActionSet]
public static class CallbackAuditActions
{
    public const string Outcome = "callbacks.outcome";
    public const string Assign = "callbacks.assign";
    public const string Read = "callbacks.read";
    public const string NumberCorrected = "callbacks.number_corrected";
}

/// <summary>The lists of the work queue (SPEC §5): today's due, overdue, rescheduled, waiting on an SMS reply, coming, closed.</summary>
public enum QueueView { Due = 0, Overdue = 1, Rescheduled = 2, Sms = 3, Upcoming = 4, Closed = 5 }
