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
    public sealed record CustomerDto(long Id, string ArchiveNumber, string Status, CustomerType Type, string Name, string? Mobile, string? Landline,
        string? IdNumber, string? CreditCode, Gender Gender, DateOnly? Birthday, AddressDto Address, string? Postcode, string? Email,
        CustomerClass Class, CustomerKind Kind, int StoreId, string? OwnerUserId, IReadOnlyList<VehicleSummary> Vehicles, int Version);
    public sealed record Paged(IReadOnlyList<CustomerArchive.Row> Items, int Page, int PageSize, int Total);

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
        customers.MapGet("{id:long}/history", History).WithSummary("Field changes: who, when, old and new value");
        customers.MapGet("export", Export).RequireAuthorization(CustomerPermissions.Export.Policy)
            .WithSummary("The searched list as .xlsx (masked; exporter and time in the file; audited)");
        customers.MapGet("import/template", ImportTemplate).RequireAuthorization(CustomerPermissions.Import.Policy).WithSummary("The import template (.xlsx, columns in Chinese)");
        customers.MapPost("import", Import).RequireAuthorization(CustomerPermissions.Import.Policy).DisableAntiforgery()
            .WithSummary("Import customers with vehicles from .xlsx or .csv (form field 'file'); all or nothing: 400 with every row error, or 200 with the count");
        customers.MapPost("{id:long}/unmask", Unmask).RequireAuthorization(CustomerPermissions.Unmask.Policy).WithSummary("Mobile and ID number in full (audited)");
        return api;
    }

    public static CustomerDto ToDto(Customer c, CustomerArchive archive) => new(c.Id, c.ArchiveNumber, c.Status.ToString().ToLowerInvariant(), c.Type, c.Name,
        Phone.Mask(c.Mobile), c.Landline is null ? null : Phone.Mask(c.Landline), archive.MaskedIdNumber(c), c.CreditCode, c.Gender, c.Birthday,
        new AddressDto(c.Province, c.City, c.District, c.Address), c.Postcode, c.Email, c.Class, c.Kind, c.StoreId, c.OwnerUserId,
        c.Vehicles.Select(v => new VehicleSummary(v.Id, v.Vin, v.PlateNumber, v.Model, v.PurchaseDate)).ToList(), c.Version);

    public static async Task<Results<Created<CustomerDto>, ValidationProblem, ProblemHttpResult>> Create(CustomerInput input, int? storeId,
        CustomerArchive archive, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var outcome = await archive.CreateAsync(input, storeId);
        if (outcome.Errors.Count > 0) return validator.Problem(outcome.Errors);
        if (outcome.Duplicates.Count > 0)
            return TypedResults.Problem(l["Customers.Duplicate"], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Conflict"],
                extensions: new Dictionary<string, object?> { ["matches"] = outcome.Duplicates });
        return TypedResults.Created($"/api/v1/customers/{outcome.Customer!.Id}", ToDto(outcome.Customer, archive));
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
        var (rows, total) = await archive.SearchAsync(q, page, pageSize);
        return TypedResults.Ok(new Paged(rows, page, pageSize, total));
    }

    public static async Task<Results<Ok<CustomerDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Update(long id, CustomerInput input,
        CustomerArchive archive, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var (result, outcome) = await archive.UpdateAsync(id, input);
        return result switch
        {
            CustomerArchive.UpdateResult.NotFound => TypedResults.NotFound(),
            CustomerArchive.UpdateResult.Forbidden => TypedResults.Forbid(),
            CustomerArchive.UpdateResult.Invalid => validator.Problem(outcome.Errors),
            CustomerArchive.UpdateResult.Duplicate => TypedResults.Problem(l["Customers.Duplicate"], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Conflict"],
                extensions: new Dictionary<string, object?> { ["matches"] = outcome.Duplicates }),
            CustomerArchive.UpdateResult.Conflict => TypedResults.Problem(l["Validation.Concurrency"], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Conflict"]),
            _ => TypedResults.Ok(ToDto(outcome.Customer!, archive)),
        };
    }

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Approve(long id, CustomerArchive archive) => await archive.ApproveAsync(id) switch
    {
        CustomerArchive.UpdateResult.NotFound => TypedResults.NotFound(),
        CustomerArchive.UpdateResult.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.NoContent(),
    };

    public sealed record ChangeDto(string Field, string? OldValue, string? NewValue, string? ChangedBy, DateTime ChangedAt);

    public static async Task<Results<Ok<List<ChangeDto>>, NotFound>> History(long id, CustomerArchive archive)
    {
        if (await archive.ReadAsync(id) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await archive.HistoryAsync(id)).Select(h => new ChangeDto(h.Field, h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt)).ToList());
    }

    public static async Task<FileContentHttpResult> Export(string? q, CustomerArchive archive) =>
        TypedResults.File((await archive.ExportAsync(q)).File, Kernel.Excel.Spreadsheet.XlsxContentType, "customers.xlsx");

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

    public static async Task<Results<Ok<CustomerArchive.Unmasked>, NotFound>> Unmask(long id, CustomerArchive archive) =>
        await archive.UnmaskAsync(id) is { } u ? TypedResults.Ok(u) : TypedResults.NotFound();
}
