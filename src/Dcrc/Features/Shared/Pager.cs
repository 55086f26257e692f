using Microsoft.AspNetCore.Http.Extensions;

namespace Dcrc.Features.Shared;

/// <summary>
/// Paging for list pages: which page, and links that keep the other query values. <paramref name="TotalCapped"/>:
/// there are more than <paramref name="Total"/> rows (counted only that far), so there is always a next page.
/// </summary>
public sealed record Pager(int Page, int PageSize, int Total, HttpRequest Request, bool TotalCapped = false)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasNext => TotalCapped || Page < Pages;

    public string Link(int page)
    {
        var q = new QueryBuilder(Request.Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))))
        {
            { "page", page.ToString() },
        };
        return Request.Path + q.ToQueryString().ToString();
    }
}
