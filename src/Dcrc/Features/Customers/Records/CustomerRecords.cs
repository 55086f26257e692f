using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers.Cards;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Records;

[AuditActionSet]
public static class RecordAuditActions
{
    public const string Interaction = "customers.interaction";
    public const string Transaction = "customers.transaction";
    public const string DocumentUpload = "customers.document_upload";
    public const string DocumentRead = "customers.document_read";
}

/// <summary>
/// The archive's records of one customer: interactions, transactions (with the A→C card move, vehicle
/// mileage and the documents' hand-over date they imply) and documents. Only for archives the user may see.
/// Errors are keyed by camelCase field, as the API reports them.
/// </summary>
public class CustomerRecords(DcrcDb db, CustomerArchive archive, Kernel.Access.CurrentUser me, AuditLog audit, UnitOfWork uow, ContactLog contacts,
    ArchiveHistory history, SettingsStore settings, DocumentStore files, IEnumerable<ITransactionFollowUp> followUps, IVehicleMaintenance maintenance, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public sealed record Outcome<T>(T? Record, Dictionary<string, string[]> Errors) where T : class;

    private async Task<Customer?> CustomerAsync(long id, bool track = false)
    {
        var q = db.Customers.VisibleTo(await archive.ViewerAsync());
        return await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id);
    }

    private async Task<DateOnly> TodayAsync(int storeId) =>
        archive.Today(StoreTime.Zone(await db.Stores.Where(s => s.Id == storeId).Select(s => s.TimeZone).SingleAsync()));

    private async Task<bool> VehicleOfAsync(long customerId, long? vehicleId) =>
        vehicleId is null || await db.Vehicles.AnyAsync(v => v.Id == vehicleId && v.CustomerId == customerId);

    public async Task<Outcome<Interaction>?> AddInteractionAsync(long customerId, InteractionInput input)
    {
        var customer = await CustomerAsync(customerId);
        if (customer is null) return null;
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var at = (input.At ?? now).UtcDateTime;
        if (at > now.UtcDateTime.AddMinutes(5) || at.Year < 2000) errors["at"] = [l["Validation.InvalidValue", l["Field.InteractionAt"]]];
        if (!await VehicleOfAsync(customerId, input.VehicleId)) errors["vehicleId"] = [l["Validation.InvalidValue", l["Field.Vehicle"]]];
        if (errors.Count > 0) return new(null, errors);

        Interaction? recorded = null;
        uow.AuditOnSave(() => new(RecordAuditActions.Interaction, $"{customer.ArchiveNumber}: {input.Channel}", "Interaction",
            recorded!.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        await uow.SaveAsync(customerId, then: async () => recorded = await contacts.RecordAsync(
            new NewContact(customer.StoreId, customerId, input.VehicleId, input.Channel!.Value, at, input.Summary!.Trim(), input.Outcome?.Trim())));
        return new(recorded, []);
    }

    /// <summary>
    /// Records a sale, repair order or other deal. A first maintenance moves an A-card customer to the C card
    /// (recorded in the history); a higher mileage updates the vehicle; sales and repair orders get the date
    /// their paper documents are due at DCRC.
    /// </summary>
    public async Task<Outcome<CustomerTransaction>?> AddTransactionAsync(long customerId, TransactionInput input)
    {
        var customer = await CustomerAsync(customerId, track: true);
        if (customer is null) return null;
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind!.Value;
        var today = await TodayAsync(customer.StoreId);
        var number = input.Number!.Trim();
        if (kind == TransactionKind.RepairOrder && input.RepairType is null) errors["repairType"] = [l["Validation.Required", l["Field.RepairType"]]];
        if (kind != TransactionKind.RepairOrder && input.RepairType is not null) errors["repairType"] = [l["Validation.InvalidValue", l["Field.RepairType"]]];
        if (input.Date is { } date && (date > today || date.Year < 1990)) errors["date"] = [l["Validation.InvalidValue", l["Field.TransactionDate"]]];
        if (kind != TransactionKind.Other && input.VehicleId is null) errors["vehicleId"] = [l["Validation.Required", l["Field.Vehicle"]]];
        else if (!await VehicleOfAsync(customerId, input.VehicleId)) errors["vehicleId"] = [l["Validation.InvalidValue", l["Field.Vehicle"]]];
        // A mileage below the last repair order's before it is a typing error, unless the odometer was changed.
        if (kind == TransactionKind.RepairOrder && input.Mileage is { } km && input.VehicleId is { } forVehicle && input.Date is { } on && !input.OdometerChanged
            && await db.Transactions.Where(t => t.VehicleId == forVehicle && t.Kind == TransactionKind.RepairOrder && t.Date <= on && t.Mileage != null)
                .OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).Select(t => t.Mileage).FirstOrDefaultAsync() is { } lastKm && km < lastKm)
            errors["mileage"] = [l["Records.MileageBelowLast", l["Field.Mileage"], lastKm, l["Field.OdometerChanged"]]];
        if (await db.Transactions.IgnoreQueryFilters().AnyAsync(t => t.StoreId == customer.StoreId && t.Kind == kind && t.Number == number))
            errors["number"] = [l["Validation.Duplicate", l["Field.TransactionNumber"]]];
        string? staffName = input.StaffName?.Trim();
        if (input.StaffUserId is { Length: > 0 } staffId)
        {
            staffName = await db.Users.Where(u => u.Id == staffId && u.Stores.Any(s => s.StoreId == customer.StoreId)).Select(u => u.DisplayName).FirstOrDefaultAsync();
            if (staffName is null) errors["staffUserId"] = [l["Validation.InvalidValue", l["Field.Staff"]]];
        }
        if (errors.Count > 0) { uow.Discard(); return new(null, errors); }

        var now = clock.GetUtcNow().UtcDateTime;
        var t = new CustomerTransaction
        {
            StoreId = customer.StoreId, CustomerId = customerId, VehicleId = input.VehicleId, Kind = kind, RepairType = input.RepairType, Number = number,
            Date = input.Date!.Value, Amount = input.Amount, Mileage = input.Mileage, OdometerChanged = kind == TransactionKind.RepairOrder && input.OdometerChanged && input.Mileage is not null, StaffUserId = input.StaffUserId is { Length: > 0 } ? input.StaffUserId : null,
            StaffName = staffName, RepairTeam = kind == TransactionKind.RepairOrder && !string.IsNullOrWhiteSpace(input.RepairTeam) ? input.RepairTeam.Trim() : null, Place = input.Place?.Trim(), Breach = input.Breach, Note = input.Note?.Trim(), CreatedAt = now, CreatedBy = me.UserName,
            DocumentsDueOn = await Filing.Handover.DueOnAsync(settings, customer.StoreId, kind, input.Date!.Value),
        };
        db.Transactions.Add(t);
        if (CardFigures.MovesToC(customer.Card, kind, input.RepairType))
        {
            customer.Card = CustomerCard.C;
            customer.CardMovedAt = now;
            history.Record(customerId, "card", "A", "C");
        }
        uow.AuditOnSave(() => new(RecordAuditActions.Transaction, $"{customer.ArchiveNumber}: {kind} {number}", "Transaction", t.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        var taken = new Dictionary<string, string[]> { ["number"] = [l["Validation.Duplicate", l["Field.TransactionNumber"]]] };
        var saved = await uow.SaveAsync(t, then: async () =>
        {
            if (input.Mileage is { } km && input.VehicleId is { } vid)
                await db.Vehicles.Where(v => v.Id == vid && (v.Mileage == null || v.Mileage < km || t.OdometerChanged)).ExecuteUpdateAsync(s => s.SetProperty(v => v.Mileage, km).SetProperty(v => v.Version, v => v.Version + 1));
            // What follows from a sale or repair order at once (its callbacks) is made in the same transaction.
            foreach (var f in followUps) await f.RecordedAsync(t);
        },
        // Someone recorded the same number a moment ago (the unique index).
        taken: () => uow.Refuse<CustomerTransaction>(WriteStatus.Invalid, taken));
        if (!saved.Saved) return new(null, saved.Errors.ToDictionary());
        return new(t, []);
    }

    public async Task<Outcome<ArchiveDocument>?> AddDocumentAsync(long customerId, DocumentInput input, Stream content, string fileName, long length)
    {
        var customer = await CustomerAsync(customerId);
        if (customer is null) return null;
        var errors = new Dictionary<string, string[]>();
        var maxMb = await settings.GetAsync(ArchiveSettings.DocumentMaxMegabytes, customer.StoreId);
        if (length <= 0) errors["file"] = [l["Validation.Required", l["Field.File"]]];
        else if (length > maxMb * 1024L * 1024L) errors["file"] = [l["Documents.TooLarge", l["Field.File"], maxMb]];
        if (!await VehicleOfAsync(customerId, input.VehicleId)) errors["vehicleId"] = [l["Validation.InvalidValue", l["Field.Vehicle"]]];
        DateOnly? transactionDate = null;
        if (input.TransactionId is { } tid)
        {
            transactionDate = await db.Transactions.Where(t => t.Id == tid && t.CustomerId == customerId).Select(t => (DateOnly?)t.Date).FirstOrDefaultAsync();
            if (transactionDate is null) errors["transactionId"] = [l["Validation.InvalidValue", l["Field.Transaction"]]];
        }
        if (errors.Count > 0) return new(null, errors);

        var filed = transactionDate ?? await TodayAsync(customer.StoreId);
        var stored = await files.SaveAsync(customer.StoreId, content, length);
        if (stored is null) return new(null, new() { ["file"] = [l["Documents.UnsupportedType", l["Field.File"]]] });
        var now = clock.GetUtcNow().UtcDateTime;
        var type = input.Type!.Value;
        var doc = new ArchiveDocument
        {
            StoreId = customer.StoreId, CustomerId = customerId, VehicleId = input.VehicleId, TransactionId = input.TransactionId, Type = type,
            Form = input.Form ?? DocumentForm.Original, Title = string.IsNullOrWhiteSpace(input.Title) ? l["DocumentType." + type] : input.Title.Trim(),
            Pages = input.Pages ?? stored.Pages, Sha256 = stored.Sha256, ContentType = stored.ContentType, Size = stored.Size, StoragePath = stored.Path,
            FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "document" + stored.Extension,
            FiledMonth = new DateOnly(filed.Year, filed.Month, 1), UploadedAt = now, UploadedBy = me.UserName,
        };
        db.Documents.Add(doc);
        uow.AuditOnSave(() => new(RecordAuditActions.DocumentUpload, $"{customer.ArchiveNumber}: {type} {doc.Sha256[..12]}", "Document", doc.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId));
        try
        {
            await uow.SaveAsync(doc);
        }
        catch
        {
            files.Discard(stored); // no record, no file
            throw;
        }
        return new(doc, []);
    }

    /// <summary>A document's content for someone who may see its customer; every opening is audited.</summary>
    public async Task<(ArchiveDocument Document, Stream Content)?> OpenDocumentAsync(long documentId, long? ofCustomer = null)
    {
        var doc = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && (ofCustomer == null || d.CustomerId == ofCustomer));
        if (doc is null || await CustomerAsync(doc.CustomerId) is not { } customer) return null;
        var content = files.Open(doc.StoragePath);
        if (content is null) return null;
        await audit.WriteAsync(RecordAuditActions.DocumentRead, $"{customer.ArchiveNumber}: {doc.Type} {doc.Sha256[..12]}", "Document", doc.Id.ToString(CultureInfo.InvariantCulture), customer.StoreId);
        return (doc, content);
    }

    /// <summary>How many of the latest the customer page shows.</summary>
    public const int InteractionsShown = 50, TransactionsShown = 200;

    public Task<List<Interaction>> InteractionsAsync(long customerId, int take = InteractionsShown) =>
        db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId).OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Take(take).ToListAsync();

    public Task<List<CustomerTransaction>> TransactionsAsync(long customerId, int take = TransactionsShown) =>
        db.Transactions.AsNoTracking().Where(t => t.CustomerId == customerId).OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).Take(take).ToListAsync();

    /// <summary>The file in archival order: by month, by type, then reply before request, original before attachment, print before draft (001 四.1).</summary>
    public Task<List<ArchiveDocument>> DocumentsAsync(long customerId) =>
        db.Documents.AsNoTracking().Where(d => d.CustomerId == customerId)
            .OrderBy(d => d.FiledMonth).ThenBy(d => d.Type).ThenBy(d => d.Form).ThenBy(d => d.Id).ToListAsync();

    /// <summary>
    /// The C card's derived figures for a customer the caller has already read — for one vehicle's card
    /// (一车一档) when <paramref name="vehicleId"/> is given, else across the customer's vehicles.
    /// </summary>
    public async Task<CardFigures> CardAsync(Customer customer, long? vehicleId = null)
    {
        var transactions = db.Transactions.AsNoTracking().Where(t => t.CustomerId == customer.Id && t.Kind != TransactionKind.Other);
        var vehicles = db.Vehicles.Where(v => v.CustomerId == customer.Id);
        if (vehicleId is { } vid) (transactions, vehicles) = (transactions.Where(t => t.VehicleId == vid), vehicles.Where(v => v.Id == vid));
        var orders = await transactions.Select(t => new CardFigures.Order(t.Kind, t.RepairType, t.Date, t.Mileage, t.Number, t.StaffName)).ToListAsync();
        var mileage = await vehicles.MaxAsync(v => v.Mileage);
        var next = (await maintenance.NextAsync(await vehicles.Select(v => v.Id).ToListAsync())).Values.MinBy(n => n.DueOn);
        return CardFigures.From(orders, await TodayAsync(customer.StoreId), mileage, next);
    }
}
