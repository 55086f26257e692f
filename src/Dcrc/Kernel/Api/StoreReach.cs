using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Api;

/// <summary>
/// A store named in the query (<c>?storeId=</c>) that exists but is outside the user's stores is 403 for every API
/// endpoint, before the endpoint runs; a store that does not exist is left to the endpoint (400 or 404).
/// </summary>
public static class StoreReach
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && http.Request.Query.TryGetValue("storeId", out var values)
            && values.Count == 1 && int.TryParse(values[0], out var storeId))
        {
            var scope = http.RequestServices.GetRequiredService<StoreScope>();
            if (!scope.CanSee(storeId) && await http.RequestServices.GetRequiredService<DcrcDb>().Stores.AnyAsync(s => s.Id == storeId))
                return Forbidden(http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>(), storeId);
        }
        return await next(context);
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Forbidden(IStringLocalizer l, int storeId) =>
        TypedResults.Problem(l["Problem.StoreOutOfReach", storeId], statusCode: StatusCodes.Status403Forbidden, title: l["Problem.Forbidden"]);
}
