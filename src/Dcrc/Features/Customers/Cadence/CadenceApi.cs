using Microsoft.AspNetCore.Http.HttpResults;

namespace Dcrc.Features.Customers.Cadence;

public static class CadenceApi
{
    public sealed record Page(IReadOnlyList<DueContacts.Row> Items, int PageNumber, int PageSize, int Total, DateOnly Today);

    public static RouteGroupBuilder MapCadenceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/due", Due).RequireAuthorization(CustomerPermissions.Read.Policy)
            .WithSummary("Calls (contact=call) or visits (contact=visit) due or overdue by the class cadence, longest without contact first");
        return api;
    }

    public static async Task<Results<Ok<Page>, ValidationProblem>> Due(DueContacts due, Kernel.Api.ApiValidator validator,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, string? contact = null, string? @class = null, int page = 1, int pageSize = 50)
    {
        // Enums as the JSON writes them (camelCase), in any case.
        if (!Enum.TryParse<Contact>(contact ?? nameof(Contact.Call), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return validator.Problem("contact", l["Validation.InvalidValue", l["Field.Contact"]]);
        CustomerClass? only = null;
        if (@class is { Length: > 0 })
        {
            if (!Enum.TryParse<CustomerClass>(@class, ignoreCase: true, out var c) || !Enum.IsDefined(c)) return validator.Problem("class", l["Validation.InvalidValue", l["Field.CustomerClass"]]);
            only = c;
        }
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var (rows, total, today) = await due.ListAsync(kind, only, page, pageSize);
        return TypedResults.Ok(new Page(rows, page, pageSize, total, today));
    }
}
