using Dcrc.Kernel.Cases;
using System.Globalization;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The columns of each report, as 002 names them, and the text of each cell: the page and the .xlsx show the same
/// table. Times are the period's store time; rates are percentages with one decimal ("—" when there is nothing to divide by).
/// </summary>
public static class ReportTables
{
    public static string Percent(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>consultant (表7), advisor or team (表8), as the query names them.</summary>
    public static bool TryTable(string? text, out SatisfactionBy per)
    {
        per = SatisfactionBy.Consultant;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "consultant": return true;
            case "advisor": per = SatisfactionBy.Advisor; return true;
            case "team": per = SatisfactionBy.RepairTeam; return true;
            default: return false;
        }
    }

    public static string TableName(SatisfactionBy per) => per switch { SatisfactionBy.Advisor => "advisor", SatisfactionBy.RepairTeam => "team", _ => "consultant" };

    public static string Title(SatisfactionBy per, IStringLocalizer l) => l["Reports.Satisfaction." + per];

    // ---- 表7 / 表8 ----

    public static IReadOnlyList<string> SatisfactionHeaders(SatisfactionBy per, Satisfaction.Limits bands, IStringLocalizer l)
    {
        var sales = per == SatisfactionBy.Consultant;
        var h = new List<string>
        {
            l[sales ? "Reports.Col.Consultant" : "Reports.Col.AdvisorOrTeam"], l[sales ? "Reports.Col.Deliveries" : "Reports.Col.RepairOrders"],
            l["Reports.Col.Succeeded"], l["Reports.Col.Failed"], l["Reports.Col.Refused"], l["Reports.Col.Unreachable"],
        };
        if (!sales) h.Add(l["Reports.Col.Other"]);
        h.AddRange(
        [
            l["Reports.Col.SuccessRate"], l["Reports.Col.FailureRate"],
            l["Reports.Col.Completely", bands.CompletelyFrom], l["Reports.Col.Basically", bands.BasicallyFrom, Math.Max(bands.BasicallyFrom, bands.CompletelyFrom - 1)],
            l["Reports.Col.Dissatisfied", Math.Max(0, bands.BasicallyFrom - 1)],
            l[sales ? "Reports.Col.CompletelyRate" : "Reports.Col.CompletelyRateOf"], l[sales ? "Reports.Col.BasicallyRate" : "Reports.Col.BasicallyRateOf"],
            l["Reports.Col.DissatisfiedRate"], l["Reports.Col.InProgress"],
        ]);
        return h;
    }

    /// <summary>A line's cells; <paramref name="name"/> is the line's label (the name, "no name" or the total).</summary>
    public static IReadOnlyList<string?> SatisfactionCells(SatisfactionBy per, SatisfactionLine x, string name)
    {
        var c = new List<string?> { name, N(x.Events), N(x.Succeeded), N(x.Failed), N(x.Refused), N(x.Unreachable) };
        if (per != SatisfactionBy.Consultant) c.Add(N(x.Other));
        c.AddRange([Percent(x.SuccessRate), Percent(x.FailureRate), N(x.Completely), N(x.Basically), N(x.Dissatisfied),
            Percent(x.CompletelyRate), Percent(x.BasicallyRate), Percent(x.DissatisfiedRate), N(x.InProgress)]);
        return c;
    }

    public static string LineName(SatisfactionLine x, IStringLocalizer l) => x.Name.Length == 0 ? l["Reports.NoName"] : x.Name;

    // ---- 日回访报表 ----

    public static IReadOnlyList<string> SpecialistHeaders(IStringLocalizer l) =>
    [
        l["Reports.Col.Specialist"], l["Reports.Col.Calls"], l["Reports.Col.Reached"], l["Reports.Col.Rescheduled"], l["Reports.Col.FailedAttempts"],
        l["Reports.Col.InvalidNumbers"], l["Reports.Col.SmsSent"],
    ];

    public static IReadOnlyList<string?> SpecialistCells(CallbackLists.SpecialistDay d, string name) =>
        [name, N(d.Calls), N(d.Reached), N(d.Rescheduled), N(d.Failed), N(d.Invalid), N(d.SmsSent)];

    public static IReadOnlyList<string> KindHeaders(IStringLocalizer l) =>
        [l["Field.CallbackKind"], l["Reports.Col.DueToday"], l["Reports.Col.CompletedToday"], l["Reports.Col.StillOpen"], l["Reports.Col.Overdue"]];

    public static IReadOnlyList<string?> KindCells(CallbackLists.KindDay d, string name) => [name, N(d.Due), N(d.Completed), N(d.Open), N(d.Overdue)];

    // ---- 表3 ----

    public static IReadOnlyList<string> FailureHeaders(IStringLocalizer l) =>
    [
        l["Reports.Col.No"], l["Reports.Col.Vin"], l["Reports.Col.CustomerName"], l["Reports.Col.Phone"], l["Reports.Col.Model"], l["Reports.Col.Status"],
        l["Reports.Col.CallbackSpecialist"], l["Reports.Col.CallbackTime"], l["Reports.Col.SalesOrServiceStaff"], l["Reports.Col.Reason"], l["Reports.Col.Note"],
    ];

    public static IReadOnlyList<string?> FailureCells(CallbackLists.FailureRow r, TimeZoneInfo zone, IStringLocalizer l) =>
    [
        N(r.No), r.Vin, r.CustomerName, r.Mobile, r.Model, l["CallbackStatus." + r.Status], r.Specialist, StoreTime.Format(r.At, zone), r.Staff,
        l["CallbackOutcome." + r.Reason], r.Note,
    ];

    // ---- 表4 ----

    public static IReadOnlyList<string> InvalidHeaders(IStringLocalizer l) =>
    [
        l["Reports.Col.No"], l["Reports.Col.Vin"], l["Reports.Col.CustomerName"], l["Reports.Col.Phone"], l["Reports.Col.Address"], l["Reports.Col.DataValid"],
        l["Reports.Col.Status"], l["Reports.Col.CallbackSpecialist"], l["Reports.Col.CallbackTime"], l["Reports.Col.Note"],
        l["Reports.Col.FoundName"], l["Reports.Col.FoundPhone"], l["Reports.Col.FoundOtherPhone"], l["Reports.Col.Note"],
    ];

    public static IReadOnlyList<string?> InvalidCells(CallbackLists.InvalidRow r, TimeZoneInfo zone, IStringLocalizer l) =>
    [
        N(r.No), r.Vin, r.CustomerName, r.Mobile, r.Address, l[r.Valid ? "Common.Yes" : "Common.No"], l["CallbackStatus." + r.Status], r.Specialist,
        StoreTime.Format(r.At, zone), r.Note is { } n ? l["Reports.OutcomeWithNote", l["CallbackOutcome." + r.Outcome], n] : l["CallbackOutcome." + r.Outcome],
        r.FoundName, r.FoundMobile, r.FoundOtherPhone, r.FoundNote,
    ];

    // ---- 表13 ----

    public static IReadOnlyList<string> SmsHeaders(IStringLocalizer l) =>
        [l["Reports.Col.CustomerName"], l["Reports.Col.ReasonType"], l["Reports.Col.SentAt"], l["Reports.Col.SendStatus"], l["Reports.Col.Reply"]];

    public static IReadOnlyList<string?> SmsCells(CallbackLists.SmsRow r, TimeZoneInfo zone, IStringLocalizer l) =>
        [r.CustomerName, r.ReasonLabel, r.SentAt is { } at ? StoreTime.Format(at, zone) : "", l["SmsStatus." + r.Status], r.Reply];
}
