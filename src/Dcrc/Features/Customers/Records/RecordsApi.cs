using Dcrc.Features.Customers.Cards;
using Dcrc.Kernel.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dcrc.Features.Customers.Records;

/// <summary>The archive's records under <c>/api/v1</c>: interactions, transactions, documents and the A/C card.</summary>
public static class RecordsApi
{
    public sealed record InteractionDto(long Id, long? VehicleId, InteractionChannel Channel, DateTime At, string Summary, string? Outcome, string? By);
    public sealed record TransactionDto(long Id, long? VehicleId, TransactionKind Kind, RepairType? RepairType, string Number, DateOnly Date, decimal? Amount,
        int? Mileage, bool OdometerChanged, string? Staff, string? RepairTeam, string? Place, bool Breach, string? Note, DateOnly? DocumentsDueOn, DateTime? DocumentsReceivedAt);
    public sealed record DocumentDto(long Id, long? VehicleId, long? TransactionId, DocumentType Type, DocumentForm Form, string Title, int Pages, string Sha256,
        string FileName, string ContentType, long Size, DateOnly FiledMonth, DateTime UploadedAt, string? UploadedBy);
    public sealed record CardDto(CustomerCard Card, DateTime? MovedToCAt, bool IsMember, string? MemberLevel, bool IsVip, CardFigures Figures);

    public static RouteGroupBuilder MapRecordsApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers/{id:long}").RequireAuthorization(CustomerPermissions.Read.Policy);
        customers.MapGet("interactions", Interactions).WithSummary("Interactions (calls, visits, SMS, email, meetings), newest first");
        customers.MapPost("interactions", AddInteraction).RequireAuthorization(CustomerPermissions.Write.Policy)
            .WithSummary("Record an interaction; a call or visit also counts for the class cadence");
        customers.MapGet("transactions", Transactions).WithSummary("Sales contracts, repair orders and other deals, newest first");
        customers.MapPost("transactions", AddTransaction).RequireAuthorization(CustomerPermissions.Write.Policy)
            .WithSummary("Record a sale (kind sale), repair order (kind repairOrder with repairType) or other deal; a first maintenance moves the customer to the C card");
        customers.MapGet("documents", Documents).WithSummary("The customer's documents in archival order (month, type, reply before request, original before attachment, print before draft)");
        customers.MapPost("documents", AddDocument).RequireAuthorization(CustomerPermissions.Write.Policy).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(DocumentStore.MaxRequestBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = DocumentStore.MaxRequestBytes })
            .WithSummary("Upload a document (multipart: file plus type, form, title, pages, vehicleId, transactionId); PDF, JPEG or PNG within the size limit");
        customers.MapGet("card", Card).WithSummary("The A/C card: which card, membership, and the visit counters and dates derived from repair orders");
        api.MapGet("/documents/{documentId:long}/content", Download).RequireAuthorization(CustomerPermissions.Read.Policy).WithSummary("A document's file (audited)");
        return api;
    }

    private static async Task<IResult> Missing(long id, CustomerArchive archive) =>
        await archive.ExistsInScopeAsync(id) ? TypedResults.Forbid() : TypedResults.NotFound();

    public static InteractionDto ToDto(Interaction i) => new(i.Id, i.VehicleId, i.Channel, i.At, i.Summary, i.Outcome, i.ByName);
    public static TransactionDto ToDto(CustomerTransaction t) => new(t.Id, t.VehicleId, t.Kind, t.RepairType, t.Number, t.Date, t.Amount, t.Mileage, t.OdometerChanged, t.StaffName, t.RepairTeam,
        t.Place, t.Breach, t.Note, t.DocumentsDueOn, t.DocumentsReceivedAt);
    public static DocumentDto ToDto(ArchiveDocument d) => new(d.Id, d.VehicleId, d.TransactionId, d.Type, d.Form, d.Title, d.Pages, d.Sha256, d.FileName,
        d.ContentType, d.Size, d.FiledMonth, d.UploadedAt, d.UploadedBy);

    public static async Task<IResult> Interactions(long id, CustomerArchive archive, CustomerRecords records) =>
        await archive.ReadAsync(id) is null ? await Missing(id, archive) : TypedResults.Ok((await records.InteractionsAsync(id, 500)).Select(ToDto).ToList());

    /// <summary>Validates, records through <paramref name="save"/>, and answers 201, 400 by field, 403 or 404.</summary>
    private static async Task<IResult> RecordAsync<TInput, T>(long id, TInput input, Func<Task<CustomerRecords.Outcome<T>?>> save, Func<T, object> dto, string location,
        CustomerArchive archive, ApiValidator validator) where T : class
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var outcome = await save();
        if (outcome is null) return await Missing(id, archive);
        if (outcome.Errors.Count > 0) return validator.Problem(outcome.Errors);
        return TypedResults.Created(location, dto(outcome.Record!));
    }

    public static Task<IResult> AddInteraction(long id, InteractionInput input, CustomerArchive archive, CustomerRecords records, ApiValidator validator) =>
        RecordAsync(id, input, () => records.AddInteractionAsync(id, input), i => ToDto(i), $"/api/v1/customers/{id}/interactions", archive, validator);

    public static async Task<IResult> Transactions(long id, CustomerArchive archive, CustomerRecords records) =>
        await archive.ReadAsync(id) is null ? await Missing(id, archive) : TypedResults.Ok((await records.TransactionsAsync(id, 1000)).Select(ToDto).ToList());

    public static Task<IResult> AddTransaction(long id, TransactionInput input, CustomerArchive archive, CustomerRecords records, ApiValidator validator) =>
        RecordAsync(id, input, () => records.AddTransactionAsync(id, input), t => ToDto(t), $"/api/v1/customers/{id}/transactions", archive, validator);

    public static async Task<IResult> Documents(long id, CustomerArchive archive, CustomerRecords records) =>
        await archive.ReadAsync(id) is null ? await Missing(id, archive) : TypedResults.Ok((await records.DocumentsAsync(id)).Select(ToDto).ToList());

    public static async Task<IResult> AddDocument(long id, [FromForm] DocumentInput input, IFormFile? file, CustomerArchive archive, CustomerRecords records,
        ApiValidator validator, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (file is null) errors["file"] = [l["Validation.Required", l["Field.File"]]];
        if (errors.Count > 0) return validator.Problem(errors);
        await using var stream = file!.OpenReadStream();
        var outcome = await records.AddDocumentAsync(id, input, stream, file.FileName, file.Length);
        if (outcome is null) return await Missing(id, archive);
        if (outcome.Errors.Count > 0) return validator.Problem(outcome.Errors);
        return TypedResults.Created($"/api/v1/documents/{outcome.Record!.Id}/content", ToDto(outcome.Record));
    }

    public static async Task<IResult> Download(long documentId, CustomerRecords records) =>
        await records.OpenDocumentAsync(documentId) is { } opened
            ? TypedResults.Stream(opened.Content, opened.Document.ContentType, opened.Document.FileName)
            : TypedResults.NotFound();

    public static async Task<IResult> Card(long id, CustomerArchive archive, CustomerRecords records)
    {
        var customer = await archive.ReadAsync(id);
        if (customer is null) return await Missing(id, archive);
        return TypedResults.Ok(new CardDto(customer.Card, customer.CardMovedAt, customer.IsMember, customer.MemberLevel, customer.IsVip, await records.CardAsync(customer)));
    }
}
