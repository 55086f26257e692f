using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Calls;

/// <summary>Who works the call desk (SPEC §0, §7).</summary>
[PermissionSet]
public static class CallPermissions
{
    /// <summary>The call desk: take and log calls, see the caller's card and the store's log, sit on a line.</summary>
    public static readonly Permission Desk = new("calls.desk", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist, Roles.ReceptionSpecialist);
    /// <summary>Who sits on which telephone line.</summary>
    public static readonly Permission Lines = new("calls.lines", Roles.GeneralManager, Roles.CrManager);
    /// <summary>The call log as .xlsx (masked; the file names its exporter; audited).</summary>
    public static readonly Permission Export = new("calls.export", Roles.GeneralManager, Roles.CrManager);
    /// <summary>Click-to-dial: the telephony system calls a customer the user works on from the user's line (the number stays masked).</summary>
    public static readonly Permission Dial = new("calls.dial", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist, Roles.ReceptionSpecialist);
}

[AuditActionSet]
public static class CallAuditActions
{
    public const string Logged = "calls.logged";
    public const string Received = "calls.received";
    public const string Missed = "calls.missed";
    public const string Read = "calls.read";
    public const string Dial = "calls.dial";
    public const string Export = "calls.export";
    public const string Line = "calls.line";
}

/// <summary>Call-back time limits (SPEC §7; seed 000: every call answered within hours).</summary>
[SettingsGroup]
public static class CallSettings
{
    /// <summary>A missed call (or voicemail) is called back within this much working time.</summary>
    public static readonly IntSetting MissedCallHours = new("calls.missedCallHours", 2, 1, 240, SettingUnit.Hours);
    /// <summary>A call-back owed without an agreed time is due within this much working time (an agreed time is due then).</summary>
    public static readonly IntSetting CallbackOwedHours = new("calls.callbackOwedHours", 24, 1, 240, SettingUnit.Hours);
}

/// <summary>The telephony system, bound from <c>Dcrc:Telephony</c> (env <c>Dcrc__Telephony__*</c>).</summary>
public class TelephonyOptions
{
    public const string Section = "Dcrc:Telephony";
    /// <summary>Key of the HMAC-SHA256 the telephony system signs its pushes with; without it every push is refused.</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>A push whose signed timestamp is further than this from now is refused (a replay).</summary>
    public int WebhookToleranceSeconds { get; set; } = Kernel.Api.SignedWebhook.DefaultToleranceSeconds;
    public const string LocalProvider = "local";
    /// <summary><c>local</c> (default): the demo's telephony system inside the app (<see cref="LocalTelephony"/>); <c>http</c>: <see cref="DialUrl"/>.</summary>
    public string Provider { get; set; } = LocalProvider;
    /// <summary>The telephony system's dial endpoint (<see cref="HttpTelephony"/>).</summary>
    public string? DialUrl { get; set; }
    public int DialTimeoutSeconds { get; set; } = 10;
    public bool UsesHttp => string.Equals(Provider, "http", StringComparison.OrdinalIgnoreCase);
}
