using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dcrc.Kernel.Api;

/// <summary>
/// A list's page number is the query's <c>page</c>. Razor Pages also has a route value named "page" (the page's own
/// name, "/Complaints/Index"), which the route value provider offers before the query, so a property bound as "page"
/// never saw the query and every list stayed on its first page. This provider answers "page" from the query first.
/// </summary>
public sealed class ListPageValueProviderFactory : IValueProviderFactory
{
    public Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        if (context.ActionContext.HttpContext.Request.Query.TryGetValue("page", out var page))
            context.ValueProviders.Insert(0, new QueryPage(page));
        return Task.CompletedTask;
    }

    private sealed class QueryPage(Microsoft.Extensions.Primitives.StringValues page) : IValueProvider
    {
        public bool ContainsPrefix(string prefix) => string.Equals(prefix, "page", StringComparison.OrdinalIgnoreCase);

        public ValueProviderResult GetValue(string key) =>
            string.Equals(key, "page", StringComparison.OrdinalIgnoreCase) ? new ValueProviderResult(page, CultureInfo.InvariantCulture) : ValueProviderResult.None;
    }
}
