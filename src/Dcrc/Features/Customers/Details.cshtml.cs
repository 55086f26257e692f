using Dcrc.Kernel.Writes;
using Dcrc.Features.Customers.Cards;
using Dcrc.Features.Customers.Records;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

/// <summary>
/// The customer on one screen, as a specialist reads it during a call: identity, vehicles, card figures,
/// interactions, transactions, documents and history; quick forms to record what happens. Opening it is an audited read.
/// </summary>
[RequirePermission("customers.read")]
[RequestSizeLimit(DocumentStore.MaxRequestBytes), RequestFormLimits(MultipartBodyLengthLimit = DocumentStore.MaxRequestBytes)]
public class DetailsModel(CustomerArchive archive, VehicleRegister vehicles, CustomerRecords records, CustomerMerge merger, CurrentUser me, ICustomerLeads leads,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public Customer? Customer { get; private set; }
    public string? MaskedIdNumber { get; private set; }
    public CustomerArchive.Unmasked? Full { get; private set; }
    public bool CanUnmask { get; private set; }
    public bool CanWrite { get; private set; }
    public bool CanApprove { get; private set; }
    public bool CanMerge { get; private set; }
    public List<ArchiveChange> History { get; private set; } = [];
    public List<Interaction> Interactions { get; private set; } = [];
    public List<CustomerTransaction> Transactions { get; private set; } = [];
    public List<ArchiveDocument> Documents { get; private set; } = [];
    public CardFigures? Card { get; private set; }
    /// <summary>The customer's leads (an owner's new interest, or the lead the archive was made from).</summary>
    public IReadOnlyList<CustomerLead> Leads { get; private set; } = [];
    /// <summary>Which tab of the records opens (the one a failed form is on).</summary>
    public string OpenTab { get; private set; } = "interactions";

    public VehicleInput Vehicle { get; set; } = new();
    public InteractionInput Interaction { get; set; } = new() { Channel = InteractionChannel.Call };
    public TransactionInput Transaction { get; set; } = new();
    public DocumentInput Document { get; set; } = new();
    public string? MergeFrom { get; set; }

    private async Task<IActionResult?> LoadAsync()
    {
        Customer = await archive.ReadAsync(Id);
        if (Customer is null)
        {
            if (await merger.MergedIntoAsync(Id) is { } survivor) return Redirect($"/Customers/{survivor}");
            return await archive.ExistsInScopeAsync(Id) ? Forbid() : NotFound();
        }
        MaskedIdNumber = archive.MaskedIdNumber(Customer);
        CanUnmask = await me.CanAsync(CustomerPermissions.Unmask);
        CanWrite = await me.CanAsync(CustomerPermissions.Write);
        CanMerge = await me.CanAsync(CustomerPermissions.Merge);
        CanApprove = Customer.Status == ArchiveStatus.Draft && Customer.CreatedBy != me.UserName && await me.CanAsync(CustomerPermissions.Approve);
        History = await archive.HistoryAsync(Id);
        Interactions = await records.InteractionsAsync(Id);
        Transactions = await records.TransactionsAsync(Id);
        Documents = await records.DocumentsAsync(Id);
        Card = await records.CardAsync(Customer);
        Leads = await leads.OfCustomerAsync(Customer.Id);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string? tab)
    {
        if (tab is "interactions" or "transactions" or "documents" or "history") OpenTab = tab;
        if (await LoadAsync() is { } refused) return refused;
        // With one vehicle, that is what a call, an order or a document is about.
        if (Customer!.Vehicles.Count == 1) Interaction.VehicleId = Transaction.VehicleId = Document.VehicleId = Customer.Vehicles[0].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostUnmaskAsync()
    {
        if (!await me.CanAsync(CustomerPermissions.Unmask)) return Forbid();
        if (await LoadAsync() is { } refused) return refused;
        Full = await archive.UnmaskAsync(Id);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!await me.CanAsync(CustomerPermissions.Approve)) return Forbid();
        var approved = await archive.ApproveAsync(Id);
        return approved.OutOfReach() ?? Redirect($"/Customers/{Id}");
    }

    /// <summary>Runs one of the quick forms: saved → back to the card at its tab; refused → the card with the errors on the form.</summary>
    private async Task<IActionResult> RecordAsync<T>(string prefix, string tab, Func<Task<(bool Found, T? Saved, Dictionary<string, string[]> Errors)>> save) where T : class
    {
        if (!await me.CanAsync(CustomerPermissions.Write)) return Forbid();
        OpenTab = tab;
        if (ModelState.IsValid)
        {
            var (found, saved, errors) = await save();
            if (!found) return await archive.ExistsInScopeAsync(Id) ? Forbid() : NotFound();
            if (saved != null) return Redirect($"/Customers/{Id}?tab={tab}#records");
            WrittenResults.AddTo(errors, ModelState, prefix);
        }
        return await LoadAsync() ?? Page();
    }

    public Task<IActionResult> OnPostVehicleAsync([Bind(Prefix = "Vehicle")] VehicleInput input)
    {
        Vehicle = input;
        return RecordAsync("Vehicle", "interactions", async () => await vehicles.AddAsync(Id, input) is { } o ? (true, o.Vehicle, o.Errors) : (false, null, []));
    }

    public Task<IActionResult> OnPostInteractionAsync([Bind(Prefix = "Interaction")] InteractionInput input)
    {
        Interaction = input;
        return RecordAsync("Interaction", "interactions", async () => await records.AddInteractionAsync(Id, input) is { } o ? (true, o.Record, o.Errors) : (false, null, []));
    }

    public Task<IActionResult> OnPostTransactionAsync([Bind(Prefix = "Transaction")] TransactionInput input)
    {
        Transaction = input;
        return RecordAsync("Transaction", "transactions", async () => await records.AddTransactionAsync(Id, input) is { } o ? (true, o.Record, o.Errors) : (false, null, []));
    }

    public Task<IActionResult> OnPostDocumentAsync([Bind(Prefix = "Document")] DocumentInput input, IFormFile? upload)
    {
        Document = input;
        if (upload is null) ModelState.AddModelError("Document.File", l["Validation.Required", l["Field.File"]]);
        return RecordAsync("Document", "documents", async () =>
        {
            await using var stream = upload!.OpenReadStream();
            return await records.AddDocumentAsync(Id, input, stream, upload.FileName, upload.Length) is { } o ? (true, o.Record, o.Errors) : (false, null, []);
        });
    }

    public async Task<IActionResult> OnGetDocumentAsync(long documentId) =>
        await records.OpenDocumentAsync(documentId, Id) is { } opened
            ? File(opened.Content, opened.Document.ContentType, opened.Document.FileName)
            : NotFound();

    public async Task<IActionResult> OnPostMergeAsync(string? mergeFrom)
    {
        if (!await me.CanAsync(CustomerPermissions.Merge)) return Forbid();
        MergeFrom = mergeFrom;
        var (result, error) = await merger.MergeAsync(Id, mergeFrom);
        if (result == CustomerMerge.Result.Merged) return Redirect($"/Customers/{Id}?tab=history#records");
        if (result == CustomerMerge.Result.NotFound) return NotFound();
        if (result == CustomerMerge.Result.Forbidden) return Forbid();
        ModelState.AddModelError("MergeFrom", error!);
        OpenTab = "history";
        return await LoadAsync() ?? Page();
    }
}
