using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// When each callback falls due (SPEC §5), as days of the store's work calendar: "day N" after an event is the
/// N-th working day after it (holidays skipped, make-up days counted); "week N" and "N months" are calendar
/// spans moved on to the next working day. Surveys expire after their expiry day has passed.
/// </summary>
public static class CallbackSchedule
{
    public sealed record Rules(int ThanksDay, int ConfirmationDay, int SalesSurveyFrom, int SalesSurveyTo, int CareWeek,
        int ServiceSurveyFrom, int ServiceSurveyTo, int ExpiryDays, int LostMonths)
    {
        public static async Task<Rules> ForStoreAsync(SettingsStore s, int storeId) => new(
            await s.GetAsync(CallbackSettings.DeliveryThanksDay, storeId), await s.GetAsync(CallbackSettings.OwnerConfirmationDay, storeId),
            await s.GetAsync(CallbackSettings.SalesSurveyFromDay, storeId), await s.GetAsync(CallbackSettings.SalesSurveyToDay, storeId),
            await s.GetAsync(CallbackSettings.FirstMaintenanceCareWeek, storeId), await s.GetAsync(CallbackSettings.ServiceSurveyFromDay, storeId),
            await s.GetAsync(CallbackSettings.ServiceSurveyToDay, storeId), await s.GetAsync(CallbackSettings.SurveyExpiryDays, storeId),
            await s.GetAsync(CallbackSettings.LostCustomerMonths, storeId));
    }

    public sealed record Window(DateOnly DueOn, DateOnly DueBy, DateOnly? ExpiresOn);

    /// <summary>The kinds a delivery makes, in the order they fall due.</summary>
    public static readonly CallbackKind[] OnDelivery =
        [CallbackKind.DeliveryThanks, CallbackKind.OwnerConfirmation, CallbackKind.SalesSurvey, CallbackKind.FirstMaintenanceCare];

    public static bool IsSurvey(CallbackKind kind) => kind.IsSurvey();

    /// <summary>The questionnaire a successful call of the kind answers: the two satisfaction surveys and the showroom visitor's intent survey.</summary>
    public static SurveyKind? QuestionnaireOf(CallbackKind kind) => kind switch
    {
        CallbackKind.SalesSurvey => SurveyKind.Sales,
        CallbackKind.ServiceSurvey => SurveyKind.Service,
        CallbackKind.ShowroomVisit => SurveyKind.Intent,
        _ => null,
    };

    /// <summary>How far the calendar is searched for a working day before it is taken to have none.</summary>
    private const int HorizonDays = 3 * 366;

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="day"/>; for 0, the day itself if it is a working day, else the next one.</summary>
    public static DateOnly WorkingDayAfter(Func<DateOnly, bool> isWorkingDay, DateOnly day, int n)
    {
        if (n <= 0) return OnOrAfter(isWorkingDay, day);
        var d = day;
        for (var i = 0; i < HorizonDays; i++)
        {
            d = d.AddDays(1);
            if (isWorkingDay(d) && --n == 0) return d;
        }
        throw new InvalidOperationException($"No working day within {HorizonDays} days of {day}.");
    }

    /// <summary>The day itself if it is a working day, else the next working day.</summary>
    public static DateOnly OnOrAfter(Func<DateOnly, bool> isWorkingDay, DateOnly day)
    {
        for (var i = 0; i < HorizonDays; i++, day = day.AddDays(1))
            if (isWorkingDay(day)) return day;
        throw new InvalidOperationException($"No working day within {HorizonDays} days of {day}.");
    }

    /// <summary>The window of a task of <paramref name="kind"/> for an event on <paramref name="eventDate"/> (for a lost customer: the last visit).</summary>
    public static Window For(CallbackKind kind, DateOnly eventDate, Rules r, Func<DateOnly, bool> isWorkingDay)
    {
        DateOnly Day(int n) => WorkingDayAfter(isWorkingDay, eventDate, n);
        return kind switch
        {
            CallbackKind.DeliveryThanks => Same(Day(r.ThanksDay)),
            CallbackKind.OwnerConfirmation => Same(Day(r.ConfirmationDay)),
            CallbackKind.SalesSurvey => new(Day(r.SalesSurveyFrom), Day(Math.Max(r.SalesSurveyFrom, r.SalesSurveyTo)), Day(Math.Max(r.ExpiryDays, r.SalesSurveyTo))),
            CallbackKind.FirstMaintenanceCare => Same(OnOrAfter(isWorkingDay, eventDate.AddDays(7 * r.CareWeek))),
            CallbackKind.ServiceSurvey => new(Day(r.ServiceSurveyFrom), Day(Math.Max(r.ServiceSurveyFrom, r.ServiceSurveyTo)), Day(Math.Max(r.ExpiryDays, r.ServiceSurveyTo))),
            CallbackKind.LostCustomer => Same(OnOrAfter(isWorkingDay, eventDate.AddMonths(r.LostMonths))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        static Window Same(DateOnly d) => new(d, d, null);
    }
}

/// <summary>What an outcome means for the task (002 §三 回访操作流程).</summary>
public enum OutcomeClass { Success, Reschedule, Failure, Invalid }

/// <summary>The failure columns of 表7/表8: refused, unreachable (switched off, suspended, busy line, barred), no answer, other.</summary>
public enum FailureReason { Refused, Unreachable, NoAnswer, Other }

public static class CallbackOutcomes
{
    public static OutcomeClass Classify(CallbackOutcome o) => o switch
    {
        CallbackOutcome.Success => OutcomeClass.Success,
        CallbackOutcome.Busy or CallbackOutcome.NotOwner => OutcomeClass.Reschedule,
        CallbackOutcome.WrongNumber or CallbackOutcome.EmptyNumber => OutcomeClass.Invalid,
        _ => OutcomeClass.Failure,
    };

    public static FailureReason ReasonOf(CallbackOutcome? o) => o switch
    {
        CallbackOutcome.Refused => FailureReason.Refused,
        CallbackOutcome.NoAnswer => FailureReason.NoAnswer,
        CallbackOutcome.SwitchedOff or CallbackOutcome.Suspended or CallbackOutcome.LineBusy or CallbackOutcome.CallBarred or CallbackOutcome.Unreachable
            => FailureReason.Unreachable,
        _ => FailureReason.Other,
    };

    /// <summary>The task's state after an attempt: what it becomes and whether the SMS survey goes out now.</summary>
    public sealed record After(CallbackStatus Status, int FailedAttempts, bool SendSms);

    /// <summary>
    /// A failed attempt counts; a survey whose failures reach <paramref name="failuresBeforeSms"/> goes to the SMS survey
    /// when the customer has a mobile, and any other task is given up then (it counts as failed).
    /// </summary>
    public static After Apply(CallbackKind kind, int failedSoFar, CallbackOutcome outcome, int failuresBeforeSms, bool hasMobile)
    {
        switch (Classify(outcome))
        {
            case OutcomeClass.Success: return new(CallbackStatus.Completed, failedSoFar, false);
            case OutcomeClass.Reschedule: return new(CallbackStatus.Open, failedSoFar, false);
            case OutcomeClass.Invalid: return new(CallbackStatus.Invalid, failedSoFar, false);
        }
        var failed = failedSoFar + 1;
        if (failed < failuresBeforeSms) return new(CallbackStatus.Open, failed, false);
        if (CallbackSchedule.IsSurvey(kind) && hasMobile) return new(CallbackStatus.SmsSent, failed, true);
        return new(CallbackStatus.Expired, failed, false);
    }
}

public static class Satisfaction
{
    public sealed record Limits(int CompletelyFrom, int BasicallyFrom)
    {
        public static async Task<Limits> ForStoreAsync(SettingsStore s, int? storeId) =>
            new(await s.GetAsync(CallbackSettings.CompletelySatisfiedFrom, storeId), await s.GetAsync(CallbackSettings.BasicallySatisfiedFrom, storeId));
    }

    public static SatisfactionBand BandOf(int score, Limits limits) =>
        score >= limits.CompletelyFrom ? SatisfactionBand.Completely : score >= limits.BasicallyFrom ? SatisfactionBand.Basically : SatisfactionBand.Dissatisfied;

    /// <summary>A reply to the SMS survey: a whole score 1–10 written alone ("9", "９", "9分"); anything else is not a score.</summary>
    public static int? ScoreOfReply(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Normalize(System.Text.NormalizationForm.FormKC).TrimEnd('分', '。', '.', '!').Trim();
        return int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10 ? n : null;
    }
}
