using Dcrc.Kernel.Api;
using Dcrc.Kernel.Deadlines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dcrc.Features.Admin.Calendar;

public static class CalendarApi
{
    public sealed record DayDto(int Id, int? StoreId, DateOnly Date, CalendarDayKind Kind, DayOfWeek? WorkedAs, string Name);
    public sealed record DueDto(DateTime Start, int WorkingMinutes, DateTime DueAt);

    public static RouteGroupBuilder MapCalendarApi(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar");
        calendar.MapGet("days", Days).RequireAuthorization(AdminPermissions.Settings.Policy).WithSummary("Holidays and make-up working days of a year, for the group or a store");
        calendar.MapPost("days", Add).RequireAuthorization(AdminPermissions.Settings.Policy)
            .WithSummary("Add a holiday (kind holiday) or a make-up working day (kind workingDay, workedAs the weekday whose hours apply)");
        calendar.MapDelete("days/{id:int}", Remove).RequireAuthorization(AdminPermissions.Settings.Policy).WithSummary("Remove a calendar day");
        calendar.MapGet("due", Due).WithSummary("When a time limit of this many working minutes, started at this instant, falls due in the store's calendar");
        return api;
    }

    private static DayDto ToDto(CalendarDay d) => new(d.Id, d.StoreId, d.Date, d.Kind, d.WorkedAs, d.Name);

    public static async Task<Ok<List<DayDto>>> Days(int year, int? storeId, CalendarDays days) =>
        TypedResults.Ok((await days.ListAsync(year, storeId)).Select(ToDto).ToList());

    public static async Task<Results<Created<DayDto>, ValidationProblem>> Add(CalendarDayInput input, CalendarDays days, ApiValidator validator)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var (day, refused) = await days.AddAsync(input);
        if (day is null) return validator.Problem(refused);
        return TypedResults.Created($"/api/v1/calendar/days/{day.Id}", ToDto(day));
    }

    public static async Task<Results<NoContent, NotFound>> Remove(int id, CalendarDays days) =>
        await days.RemoveAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<DueDto>, ValidationProblem>> Due(int storeId, string? start, int minutes, StoreCalendars calendars,
        Kernel.Access.StoreScope scope, ApiValidator validator, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        if (!scope.CanSee(storeId)) return validator.Problem("storeId", l["Validation.InvalidValue", l["Field.Store"]]);
        if (minutes is < 0 or > 525_600) return validator.Problem("minutes", l["Validation.Range", l["Field.WorkingMinutes"], 0, 525_600]);
        var calendar = await calendars.ForStoreAsync(storeId);
        if (Instant(start, calendar.Zone) is not { } at) return validator.Problem("start", l["Validation.InvalidValue", l["Field.Start"]]);
        return TypedResults.Ok(new DueDto(at, minutes, calendar.Add(at, TimeSpan.FromMinutes(minutes))));
    }

    /// <summary>
    /// An instant as UTC: with an offset (or Z) as given, without one as the store's local time (never the server's). A "+"
    /// left unescaped in a query string arrives as a space and is read as the "+" it was.
    /// </summary>
    public static DateTime? Instant(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length > 10 && t.LastIndexOf(' ') is var space and > 10 && t.IndexOf(':', space) > space) t = t[..space] + "+" + t[(space + 1)..];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (!DateTime.TryParse(t, invariant, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)) return null;
        if (parsed.Kind == DateTimeKind.Unspecified) return Kernel.Time.StoreTime.ToUtc(parsed, zone);
        return DateTimeOffset.TryParse(t, invariant, System.Globalization.DateTimeStyles.None, out var offset) ? offset.UtcDateTime : null;
    }
}
