using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Calendar;

[AuditActionSet]
public static class CalendarAuditActions
{
    public const string Change = "calendar.change";
}

public sealed class CalendarDayInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Date")] public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CalendarDayKind")] public CalendarDayKind? Kind { get; set; }
    /// <summary>For a make-up working day: the weekday whose hours apply (Monday when left out).</summary>
    [Display(Name = "Field.WorkedAs")] public DayOfWeek? WorkedAs { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.HolidayName")]
    public string? Name { get; set; }
    /// <summary>Null: the whole group; otherwise one store (its entry for a date replaces the group's).</summary>
    public int? StoreId { get; set; }
}

/// <summary>Holidays and make-up working days (调休) per year, for the group or a store; each change audited.</summary>
public class CalendarDays(DcrcDb db, UnitOfWork uow, Kernel.Access.CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public Task<List<CalendarDay>> ListAsync(int year, int? storeId) => year is < 2000 or > 2100 ? Task.FromResult(new List<CalendarDay>()) :
        db.CalendarDays.AsNoTracking().Where(d => d.StoreId == storeId && d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .OrderBy(d => d.Date).ToListAsync();

    public async Task<(CalendarDay? Day, Dictionary<string, string[]> Errors)> AddAsync(CalendarDayInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.StoreId is { } s && !await db.Stores.AnyAsync(x => x.Id == s)) errors["storeId"] = [l["Validation.InvalidValue", l["Field.Store"]]];
        if ((input.Kind == CalendarDayKind.Holiday && input.WorkedAs != null) || (input.WorkedAs is { } w && !Enum.IsDefined(w)))
            errors["workedAs"] = [l["Validation.InvalidValue", l["Field.WorkedAs"]]];
        if (input.Kind is { } k && !Enum.IsDefined(k)) errors["kind"] = [l["Validation.InvalidValue", l["Field.CalendarDayKind"]]];
        if (input.Date is { Year: < 2000 or > 2100 }) errors["date"] = [l["Validation.InvalidValue", l["Field.Date"]]];
        var date = input.Date!.Value;
        if (await db.CalendarDays.AnyAsync(d => d.StoreId == input.StoreId && d.Date == date)) errors["date"] = [l["Validation.Duplicate", l["Field.Date"]]];
        if (errors.Count > 0) return (null, errors);
        var day = new CalendarDay
        {
            StoreId = input.StoreId, Date = date, Kind = input.Kind!.Value, Name = input.Name!.Trim(),
            WorkedAs = input.Kind == CalendarDayKind.WorkingDay ? input.WorkedAs ?? DayOfWeek.Monday : null,
            UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = me.UserName,
        };
        db.CalendarDays.Add(day);
        uow.AuditOnSave(() => new(CalendarAuditActions.Change, $"+ {day.Date:yyyy-MM-dd} {day.Kind} {day.Name}", "CalendarDay", day.Id.ToString(CultureInfo.InvariantCulture), day.StoreId));
        // The same date entered a moment ago (unique index).
        var saved = await uow.SaveAsync(day, taken: () => uow.Refuse<CalendarDay>("date", l["Validation.Duplicate", l["Field.Date"]]));
        return saved.Saved ? (day, []) : (null, saved.Errors.ToDictionary());
    }

    public async Task<bool> RemoveAsync(int id)
    {
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Id == id);
        if (day is null) return false;
        db.CalendarDays.Remove(day);
        uow.Audit(new(CalendarAuditActions.Change, $"- {day.Date:yyyy-MM-dd} {day.Kind} {day.Name}", "CalendarDay", id.ToString(CultureInfo.InvariantCulture), day.StoreId));
        await uow.SaveAsync(day);
        return true;
    }
}
