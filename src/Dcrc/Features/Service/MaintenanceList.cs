using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Service;

/// <summary>A line of the maintenance list: the vehicle, its customer as the masked projection shows them, the due, the status of this cycle.</summary>
public sealed record DueLine(long VehicleId, string Vin, string? Plate, string? Series, string? Model, long CustomerId, string CustomerName, string? Mobile,
    DueKind Kind, DateOnly DueOn, int DueKm, DueBy By, decimal KmPerDay, string? AdvisorName, MaintenanceStatus Status, DateTime? StatusAt, string? StatusBy,
    string? StatusNote, int Version);

public sealed record DueFilter(DateOnly From, DateOnly To, string? Advisor = null, string? Model = null, MaintenanceStatus? Status = null, DueKind? Kind = null);

/// <summary>The status the DCRC sets from the list (a call made, the customer booked, declined, or goes elsewhere), with a note.</summary>
public sealed class DueStatusInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.MaintenanceStatus")] public MaintenanceStatus? Status { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    /// <summary>The line's version as read (0: not contacted in this cycle yet).</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>
/// 定期保养一览表 (seed 000 主动预约方法): the store's vehicles whose maintenance falls due in a window — by advisor,
/// model, status and kind — read from the forecasts' (store, due day) index a page at a time; the status of the cycle
/// set from the list, each change recorded as a contact in the customer's archive.
/// </summary>
public sealed class MaintenanceList(DcrcDb db, MaskedCustomers cards, ContactLog contacts, CurrentUser me, UnitOfWork uow, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    private sealed record Row(long VehicleId, int StoreId, long CustomerId, string Vin, string? Plate, string? Series, string? Model, DueKind Kind, DateOnly DueOn,
        int DueKm, DueBy By, decimal KmPerDay, string? AdvisorName, MaintenanceFollowUp? FollowUp);

    /// <summary>A forecast with its vehicle and this cycle's follow-up: filtered and ordered as such (a record built by a constructor cannot be).</summary>
    private sealed class Joined
    {
        public VehicleForecast X { get; init; } = null!;
        public Customers.Vehicle V { get; init; } = null!;
        public MaintenanceFollowUp? U { get; init; }
    }

    private IQueryable<Joined> Rows(int storeId, DueFilter f)
    {
        var q = db.VehicleForecasts.AsNoTracking().Where(x => x.StoreId == storeId && x.DueOn >= f.From && x.DueOn <= f.To);
        if (f.Advisor is { Length: > 0 } a) q = q.Where(x => x.AdvisorUserId == a);
        if (f.Kind is { } k) q = q.Where(x => x.Kind == k);
        var joined = from x in q
            join v in db.Vehicles.AsNoTracking() on x.VehicleId equals v.Id
            select new Joined { X = x, V = v, U = db.MaintenanceFollowUps.FirstOrDefault(u => u.VehicleId == x.VehicleId && u.CycleFrom == x.CycleFrom) };
        if (f.Model is { Length: > 0 } m) joined = joined.Where(r => r.V.Model == m);
        if (f.Status is { } s) joined = s == MaintenanceStatus.NotContacted ? joined.Where(r => r.U == null) : joined.Where(r => r.U != null && r.U.Status == s);
        return joined;
    }

    public async Task<(List<DueLine> Items, int Total)> PageAsync(int storeId, DueFilter f, int page, int pageSize)
    {
        var q = Rows(storeId, f);
        var total = await q.CountAsync();
        var rows = await q.OrderBy(r => r.X.DueOn).ThenBy(r => r.X.VehicleId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new Row(r.X.VehicleId, r.X.StoreId, r.X.CustomerId, r.V.Vin, r.V.PlateNumber, r.V.Series, r.V.Model, r.X.Kind, r.X.DueOn, r.X.DueKm,
                r.X.By, r.X.KmPerDay, r.X.AdvisorName, r.U)).ToListAsync();
        var people = await cards.ForWorkAsync(rows.Select(r => (r.StoreId, r.CustomerId)));
        return (rows.Select(r => Line(r, people.GetValueOrDefault(r.CustomerId))).ToList(), total);
    }

    private static DueLine Line(Row r, MaskedCustomer? c) => new(r.VehicleId, r.Vin, r.Plate, r.Series, r.Model, r.CustomerId, c?.Name ?? "", c?.Mobile, r.Kind, r.DueOn,
        r.DueKm, r.By, r.KmPerDay, r.AdvisorName, r.FollowUp?.Status ?? MaintenanceStatus.NotContacted, r.FollowUp?.At, r.FollowUp?.ByName, r.FollowUp?.Note, r.FollowUp?.Version ?? 0);

    /// <summary>The store's service advisors and managers, for the filter (not a scan of the store's forecasts).</summary>
    public async Task<List<(string Id, string Name)>> AdvisorsAsync(int storeId) =>
        (await db.Users.AsNoTracking().Where(u => u.Stores.Any(s => s.StoreId == storeId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.ServiceAdvisor || r.Name == Roles.ServiceManager))))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync())
        .Select(u => (u.Id, u.DisplayName)).ToList();

    /// <summary>Sets the status of a vehicle's due maintenance for its current cycle, and records the contact in the archive.</summary>
    public async Task<Written<MaintenanceFollowUp>> SetStatusAsync(long vehicleId, DueStatusInput input)
    {
        if (!await me.CanAsync(ServicePermissions.Remind)) return Written.Forbidden<MaintenanceFollowUp>();
        var forecast = await db.VehicleForecasts.AsNoTracking().FirstOrDefaultAsync(x => x.VehicleId == vehicleId);
        if (forecast is null) return Written.NotFound<MaintenanceFollowUp>();
        if (input.Status == MaintenanceStatus.NotContacted) return uow.Refuse<MaintenanceFollowUp>("status", l["Validation.InvalidValue", l["Field.MaintenanceStatus"]]);
        var row = await db.MaintenanceFollowUps.FirstOrDefaultAsync(x => x.VehicleId == vehicleId);
        var current = row is not null && row.CycleFrom == forecast.CycleFrom ? row.Version : 0;
        if (input.Version != current) return uow.Conflict<MaintenanceFollowUp>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Version 1 from the first status: 0 is the line not contacted yet.
        if (row is null) db.MaintenanceFollowUps.Add(row = new MaintenanceFollowUp { VehicleId = vehicleId, StoreId = forecast.StoreId, Version = 1 });
        else db.Entry(row).Property(x => x.Version).OriginalValue = row.Version;
        (row.CycleFrom, row.Status, row.At, row.ByUserId, row.ByName, row.Note) = (forecast.CycleFrom, input.Status!.Value, now, me.Id, me.DisplayName, Blank(input.Note));
        var summary = l["Service.ContactSummary", l[forecast.Kind == DueKind.First ? "Service.FirstMaintenance" : "Service.RegularMaintenance"],
            forecast.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l[$"MaintenanceStatus.{row.Status}"]].Value;
        return await uow.SaveAsync(row, then: async () =>
            await contacts.RecordAsync(new NewContact(forecast.StoreId, forecast.CustomerId, vehicleId, InteractionChannel.Call, now, summary, row.Note)),
            taken: () => uow.Conflict<MaintenanceFollowUp>()); // another specialist set it a moment ago
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
