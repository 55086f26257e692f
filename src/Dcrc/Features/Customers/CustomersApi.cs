using Dcrc.Kernel.Writes;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Security;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

public static class CustomersApi
{
    public sealed record AddressDto(string? Province, string? City, string? District, string? Detail);
    public sealed record VehicleSummary(long Id, string Vin, string? PlateNumber, string? Model, DateOnly? PurchaseDate);
    public sealed record ContactDto(Records.ContactRole Role, string Name, string? Position, string? Education, DateOnly? Birthday, string? Hobbies, string? Family);

    /// <summary>A customer as the API returns it: the input's fields (numbers masked) plus what the archive adds.</summary>
    public sealed class CustomerDto
    {
        public long Id { get; init; }
        public string ArchiveNumber { get; init; } = "";
        public string Status { get; init; } = "";
        public CustomerType Type { get; init; }
        public string Name { get; init; } = "";
        public string? Mobile { get; init; }
        public string? Landline { get; init; }
        public string? IdNumber { get; init; }
        public string? CreditCode { get; init; }
        public Gender Gender { get; init; }
        public DateOnly? Birthday { get; init; }
        public AddressDto Address { get; init; } = null!;
        public string? Postcode { get; init; }
        public string? Email { get; init; }
        public string? WeChat { get; init; }
        public CustomerClass Class { get; init; }
        public CustomerKind Kind { get; init; }
        public IReadOnlyList<string> Tags { get; init; } = [];
        public CustomerCard Card { get; init; }
        public bool IsMember { get; init; }
        public string? MemberLevel { get; init; }
        public bool IsVip { get; init; }
        public string? Ethnicity { get; init; }
        public string? MailingAddress { get; init; }
        public string? PreferredContact { get; init; }
        public string? ContactTimeSlot { get; init; }
        public string? Industry { get; init; }
        public string? Occupation { get; init; }
        public string? Position { get; init; }
        public string? IncomeBand { get; init; }
        public string? Hobbies { get; init; }
        public string? Personality { get; init; }
        public string? Clubs { get; init; }
        public bool? Married { get; init; }
        public DateOnly? WeddingAnniversary { get; init; }
        public string? Religion { get; init; }
        public string? Education { get; init; }
        public string? School { get; init; }
        public string? LicenceClass { get; init; }
        public DateOnly? LicenceCheckDate { get; init; }
        public int? YearsDriving { get; init; }
        public string? InfoSource { get; init; }
        public bool Referred { get; init; }
        public string? ReferredBy { get; init; }
        public string? Fax { get; init; }
        public string? Website { get; init; }
        public DateOnly? FoundedOn { get; init; }
        public decimal? RegisteredCapital { get; init; }
        public string? Shareholders { get; init; }
        public string? Bank { get; init; }
        public string? BankAccount { get; init; }
        public int? StaffCount { get; init; }
        public CompanyNature? Nature { get; init; }
        public string? TradeStanding { get; init; }
        public string? MainBusiness { get; init; }
        public string? SideBusiness { get; init; }
        public string? SalesLast3Years { get; init; }
        public string? CreditRating { get; init; }
        public string? OurAdvantages { get; init; }
        public string? OurWeaknesses { get; init; }
        public IReadOnlyList<ContactDto> Contacts { get; init; } = [];
        public int StoreId { get; init; }
        public string? OwnerUserId { get; init; }
        public string? Notes { get; init; }
        public IReadOnlyList<VehicleSummary> Vehicles { get; init; } = [];
        public int Version { get; init; }
    }
    /// <summary>A page of results. <c>TotalCapped</c>: there are more than <c>Total</c> matches (counting stops at 1,000 or the end of the page asked for).</summary>
    public sealed record Paged(IReadOnlyList<CustomerArchive.Row> Items, int Page, int PageSize, int Total, bool TotalCapped);

    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").RequireAuthorization(CustomerPermissions.Read.Policy);
        customers.MapPost("", Create).RequireAuthorization(CustomerPermissions.Write.Policy)
            .WithSummary("Create a customer archive (a draft until approved); 409 with the matches when the mobile, ID number or credit code exists");
        customers.MapGet("{id:long}", Get).WithSummary("One customer with vehicles; mobile and ID number masked");
        customers.MapGet("", Search).WithSummary("Search: name, pinyin (full or initials), mobile (full or last 4), ID number, credit code, VIN (full or last 6), plate fragment, archive number");
        customers.MapPut("{id:long}", Update).RequireAuthorization(CustomerPermissions.Write.Policy)
            .WithSummary("Replace an archive's fields (PUT: send them all) with the version you read (409 if someone saved meanwhile); every changed field is recorded");
        customers.MapPost("{id:long}/approve", Approve).RequireAuthorization(CustomerPermissions.Approve.Policy).WithSummary("Approve a draft (not by its creator)");
        customers.MapGet("{id:long}/history", History).WithSummary("Field changes: who, when, old and new value; field=class gives the class history");
        customers.MapGet("export", Export).RequireAuthorization(CustomerPermissions.Export.Policy)
            .WithSummary("The searched list as .xlsx (masked; exporter and time in the file; audited); unmasked=true puts the full mobile and ID number in, only with customers.unmask too (403 otherwise), audited with the row count");
        customers.MapGet("import/template", ImportTemplate).RequireAuthorization(CustomerPermissions.Import.Policy).WithSummary("The import template (.xlsx, columns in Chinese)");
        customers.MapPost("import", Import).RequireAuthorization(CustomerPermissions.Import.Policy).DisableAntiforgery()
            .WithSummary("Import customers with vehicles from .xlsx or .csv (form field 'file'); all or nothing: 400 with every row error, or 200 with the count");
        customers.MapPost("{id:long}/merge", Merge).RequireAuthorization(CustomerPermissions.Merge.Policy)
            .WithSummary("Merge another archive (from: its id or archive number) into this one: empty fields filled from it, vehicles and records moved, history kept, the merge recorded");
        customers.MapPost("{id:long}/unmask", Unmask).RequireAuthorization(CustomerPermissions.Unmask.Policy).WithSummary("Mobile and ID number in full (audited)");
        return api;
    }

    public static CustomerDto ToDto(Customer c, CustomerArchive archive) => new()
    {
        Id = c.Id, ArchiveNumber = c.ArchiveNumber, Status = c.Status.ToString().ToLowerInvariant(), Type = c.Type, Name = c.Name,
        Mobile = Phone.Mask(c.Mobile), Landline = c.Landline is null ? null : Phone.Mask(c.Landline), IdNumber = archive.MaskedIdNumber(c),
        CreditCode = c.CreditCode, Gender = c.Gender, Birthday = c.Birthday, Address = new AddressDto(c.Province, c.City, c.District, c.Address),
        Postcode = c.Postcode, Email = c.Email, WeChat = c.WeChat, Class = c.Class, Kind = c.Kind, Tags = Customers.Tags.Split(c.Tags), Card = c.Card,
        IsMember = c.IsMember, MemberLevel = c.MemberLevel, IsVip = c.IsVip, Ethnicity = c.Ethnicity, MailingAddress = c.MailingAddress,
        PreferredContact = c.PreferredContact, ContactTimeSlot = c.ContactTimeSlot, Industry = c.Industry, Occupation = c.Occupation, Position = c.Position,
        IncomeBand = c.IncomeBand, Hobbies = c.Hobbies, Personality = c.Personality, Clubs = c.Clubs, Married = c.Married, WeddingAnniversary = c.WeddingAnniversary,
        Religion = c.Religion, Education = c.Education, School = c.School, LicenceClass = c.LicenceClass, LicenceCheckDate = c.LicenceCheckDate,
        YearsDriving = c.YearsDriving, InfoSource = c.InfoSource, Referred = c.Referred, ReferredBy = c.ReferredBy, Fax = c.Fax, Website = c.Website,
        FoundedOn = c.FoundedOn, RegisteredCapital = c.RegisteredCapital, Shareholders = c.Shareholders, Bank = c.Bank, BankAccount = c.BankAccount,
        StaffCount = c.StaffCount, Nature = Enum.TryParse<CompanyNature>(c.Nature, out var nature) ? nature : null, TradeStanding = c.TradeStanding, MainBusiness = c.MainBusiness, SideBusiness = c.SideBusiness,
        SalesLast3Years = c.SalesLast3Years, CreditRating = c.CreditRating, OurAdvantages = c.OurAdvantages, OurWeaknesses = c.OurWeaknesses,
        Contacts = c.Contacts.OrderBy(k => k.Role).Select(k => new ContactDto(k.Role, k.Name, k.Position, k.Education, k.Birthday, k.Hobbies, k.Family)).ToList(),
        StoreId = c.StoreId, OwnerUserId = c.OwnerUserId, Notes = c.Notes, Version = c.Version,
        Vehicles = c.Vehicles.Select(v => new VehicleSummary(v.Id, v.Vin, v.PlateNumber, v.Model, v.PurchaseDate)).ToList(),
    };

    public static async Task<Results<Created<CustomerDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Create(CustomerInput input, int? storeId,
        CustomerArchive archive, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return (await archive.CreateAsync(input, storeId)).ToApi(c => TypedResults.Created($"/api/v1/customers/{c.Id}", ToDto(c, archive)), l);
    }

    public static async Task<Results<Ok<CustomerDto>, NotFound, ForbidHttpResult>> Get(long id, CustomerArchive archive)
    {
        var customer = await archive.ReadAsync(id);
        if (customer != null) return TypedResults.Ok(ToDto(customer, archive));
        return await archive.ExistsInScopeAsync(id) ? TypedResults.Forbid() : TypedResults.NotFound();
    }

    public static async Task<Ok<Paged>> Search(string? q, CustomerArchive archive, int page = 1, int pageSize = 20)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 100));
        var (rows, total, capped) = await archive.SearchAsync(q, page, pageSize);
        return TypedResults.Ok(new Paged(rows, page, pageSize, total, capped));
    }

    public static async Task<Results<Ok<CustomerDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Update(long id, CustomerInput input,
        CustomerArchive archive, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        if (Versioned.Missing(input.Version, l) is { } unversioned) return validator.Problem(unversioned);
        return (await archive.UpdateAsync(id, input)).ToApi(c => TypedResults.Ok(ToDto(c, archive)), l);
    }

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Approve(long id, CustomerArchive archive, IStringLocalizer<SharedResource> l) =>
        (await archive.ApproveAsync(id)).ToApi(_ => TypedResults.NoContent(), l);

    public sealed record ChangeDto(string Field, string? OldValue, string? NewValue, string? ChangedBy, DateTime ChangedAt);

    public static async Task<Results<Ok<List<ChangeDto>>, NotFound>> History(long id, CustomerArchive archive, string? field = null)
    {
        if (await archive.ReadAsync(id) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await archive.HistoryAsync(id, field)).Select(h => new ChangeDto(h.Field, h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt)).ToList());
    }

    public static async Task<Results<FileContentHttpResult, ForbidHttpResult>> Export(string? q, bool? unmasked, CustomerExport export) =>
        await export.ExportAsync(q, unmasked == true) is { } result
            ? TypedResults.File(result.File, Kernel.Excel.Spreadsheet.XlsxContentType, "customers.xlsx")
            : TypedResults.Forbid();

    public static FileContentHttpResult ImportTemplate(CustomerImport import) =>
        TypedResults.File(import.Template(), Kernel.Excel.Spreadsheet.XlsxContentType, "customer-import-template.xlsx");

    public sealed record ImportResult(int Imported);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(IFormFile file, int? storeId, CustomerImport import, IStringLocalizer<SharedResource> l)
    {
        if (file.Length > 20 * 1024 * 1024)
            return TypedResults.Problem(l["Import.TooLarge"], statusCode: StatusCodes.Status400BadRequest, title: l["Problem.Validation"]);
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, storeId);
        if (result.Errors.Count > 0)
            return TypedResults.Problem(l["Import.Failed", result.Errors.Count], statusCode: StatusCodes.Status400BadRequest, title: l["Problem.Validation"],
                extensions: new Dictionary<string, object?> { ["rows"] = result.Errors });
        return TypedResults.Ok(new ImportResult(result.Imported));
    }

    public sealed record MergeRequest(string? From);

    public static async Task<Results<Ok<CustomerDto>, NotFound, ForbidHttpResult, ValidationProblem>> Merge(long id, MergeRequest request, CustomerMerge merger,
        CustomerArchive archive, ApiValidator validator)
    {
        var (result, error) = await merger.MergeAsync(id, request.From);
        return result switch
        {
            CustomerMerge.Result.NotFound => TypedResults.NotFound(),
            CustomerMerge.Result.Forbidden => TypedResults.Forbid(),
            CustomerMerge.Result.Invalid => validator.Problem("from", error!),
            _ => TypedResults.Ok(ToDto((await archive.ReadAsync(id))!, archive)),
        };
    }

    public static async Task<Results<Ok<CustomerArchive.Unmasked>, NotFound>> Unmask(long id, CustomerArchive archive) =>
        await archive.UnmaskAsync(id) is { } u ? TypedResults.Ok(u) : TypedResults.NotFound();
}
