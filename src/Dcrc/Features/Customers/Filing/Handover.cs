using System.Globalization;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// When a department's paper documents are due at DCRC (002 §五): sales hands the buyer's documents over
/// within 2–5 days of the delivery, service its repair-order papers within 2–3 days of the repair. The days
/// are the store's settings <see cref="ArchiveSettings.SalesHandoverDays"/> and <see cref="ArchiveSettings.ServiceHandoverDays"/>.
/// </summary>
public static class Handover
{
    /// <summary>
    /// The due date of a transaction's documents: the delivery date of a sale plus the sales days, the
    /// settlement date of a repair order plus the service days; null for other deals (nothing to hand over).
    /// Handed over on the due date is on time; late from the day after.
    /// </summary>
    public static DateOnly? DueOn(TransactionKind kind, DateOnly date, int salesDays, int serviceDays) => kind switch
    {
        TransactionKind.Sale => date.AddDays(salesDays),
        TransactionKind.RepairOrder => date.AddDays(serviceDays),
        _ => null,
    };

    /// <summary><see cref="DueOn(TransactionKind, DateOnly, int, int)"/> with the store's settings.</summary>
    public static async Task<DateOnly?> DueOnAsync(SettingsStore settings, int storeId, TransactionKind kind, DateOnly date) =>
        kind is TransactionKind.Sale or TransactionKind.RepairOrder
            ? DueOn(kind, date, await settings.GetAsync(ArchiveSettings.SalesHandoverDays, storeId), await settings.GetAsync(ArchiveSettings.ServiceHandoverDays, storeId))
            : null;

    /// <summary>Days past the due date on <paramref name="day"/> (a store-local date); 0 when not late.</summary>
    public static int DaysLate(DateOnly dueOn, DateOnly day) => Math.Max(0, day.DayNumber - dueOn.DayNumber);
}

/// <summary>The weeks of the archive check (002 表14): a week starts on Monday, in the store's time.</summary>
public static class AuditWeek
{
    /// <summary>Sampled transactions are preferably of the last 90 days before the week…</summary>
    public const int RecentDays = 90;
    /// <summary>…topped up from the year before the week when the recent ones are too few.</summary>
    public const int OldestDays = 365;

    public static DateOnly StartOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>A week given as any of its days, <c>yyyy-MM-dd</c>; null or empty means none was given.</summary>
    public static bool TryParse(string? text, out DateOnly weekStart)
    {
        weekStart = default;
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        weekStart = StartOf(day);
        return true;
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
