using System.Globalization;

namespace Dcrc.Kernel.Time;

/// <summary>Store-local time. Everything is stored in UTC and shown in the store's zone (default Asia/Shanghai).</summary>
public static class StoreTime
{
    public const string DefaultZoneId = "Asia/Shanghai";
    public static TimeZoneInfo GroupZone { get; } = Zone(DefaultZoneId);

    public static TimeZoneInfo Zone(string? id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultZoneId : id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId); }
    }

    public static bool IsValidZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    /// <summary>The store-local date of an instant.</summary>
    public static DateOnly DateOf(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(utc, zone));

    /// <summary>Chinese convention, used in both languages: 2026-11-22 14:05.</summary>
    public static string Format(DateTime utc, TimeZoneInfo zone) => ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    public static string FormatSeconds(DateTime utc, TimeZoneInfo zone) => ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
