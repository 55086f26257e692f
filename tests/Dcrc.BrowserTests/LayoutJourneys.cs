using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dcrc.BrowserTests;

/// <summary>
/// Every page of every demo role at 1366×768, as the role reaches it (its navigation, then each kind of page linked
/// from there — a customer, a task, a case, a report): no table's container overflows sideways, the page does not
/// scroll sideways, no button's label and no number or date in a table breaks across lines.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class LayoutJourneys(BrowserApp app) : Journey(app)
{
    private static readonly string[] Users =
        ["th.callback", "th.reception", "th.crm", "th.gm", "th.sales", "th.advisor", "th.salesmgr", "th.servicemgr", "th.marketing", "group.gm", "sysadmin", "secadmin", "auditadmin"];

    /// <summary>One page of a kind is enough: ids (numbers, VINs, archive numbers) make the same page.</summary>
    [GeneratedRegex(@"/(\d+|[A-HJ-NPR-Z0-9]{17}|[A-Z]{2}-\d{6}-\d{6})(?=/|$)")]
    private static partial Regex Id();

    private static string KindOf(string path) => Id().Replace(path, "/{id}");

    /// <summary>Run in the page: what breaks the layout, one line each.</summary>
    private const string Check = """
        () => {
          const out = [];
          const visible = e => e.offsetParent !== null && e.getClientRects().length > 0;
          const lines = e => {
            const r = document.createRange(); r.selectNodeContents(e);
            const lh = parseFloat(getComputedStyle(e).fontSize) * 0.75;
            const tops = [...r.getClientRects()].filter(x => x.width > 0).map(x => x.top).sort((a, b) => a - b);
            let n = 0, last = -1e9;
            for (const t of tops) { if (t - last > lh) { n++; last = t; } }
            return n;
          };
          const name = e => (e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' "' + e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
          const doc = document.scrollingElement;
          if (doc.scrollWidth > window.innerWidth + 1) out.push('the page scrolls sideways (' + doc.scrollWidth + ' px)');
          for (const t of document.querySelectorAll('table')) {
            if (!visible(t)) continue;
            const box = t.parentElement;
            if (box.scrollWidth > box.clientWidth + 1) out.push('table ' + (t.id || '') + ' overflows its container by ' + (box.scrollWidth - box.clientWidth) + ' px');
            for (const td of t.querySelectorAll('td, th')) {
              const text = td.textContent.trim();
              if (/\d/.test(text) && /^[\d\s.,:%+\-–~/()（）*]+$/.test(text) && lines(td) > 1) out.push('number broken in ' + name(td));
            }
          }
          for (const b of document.querySelectorAll('.btn')) {
            if (visible(b) && b.textContent.trim().length > 0 && lines(b) > 1) out.push('button wraps: ' + name(b));
          }
          return out;
        }
        """;

    [Fact]
    public async Task No_page_of_any_role_overflows_sideways_or_breaks_a_button_or_a_number_at_1366x768()
    {
        var problems = new List<string>();
        var checkedKinds = new Dictionary<string, HashSet<string>>();
        foreach (var user in Users)
        {
            var page = await App.NewPageAsync();
            try
            {
                await App.LoginAsync(page, user);
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
                var seen = new HashSet<string>();
                var queue = new Queue<string>(await LinksAsync(page, ".sidebar a[href^='/']"));
                queue.Enqueue(new Uri(page.Url).PathAndQuery);
                var navigation = queue.Select(u => u.Split('?')[0]).ToHashSet();
                while (queue.TryDequeue(out var url))
                {
                    if (!seen.Add(KindOf(url.Split('?')[0]))) continue;
                    IResponse? response;
                    try { response = await page.GotoAsync(url); }
                    catch (PlaywrightException) { continue; } // a download, not a page
                    if (response is null || !response.Ok || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html")) continue;
                    foreach (var p in await page.EvaluateAsync<string[]>(Check)) problems.Add($"{user} {url}: {p}");
                    checkedKinds.TryAdd(user, []);
                    checkedKinds[user].Add(KindOf(url.Split('?')[0]));
                    // From the navigation's pages, one of each kind of page they link to (a customer, a task, a report tab).
                    if (navigation.Contains(url.Split('?')[0]))
                        foreach (var link in await LinksAsync(page, "main a[href^='/'], .content a[href^='/']")) queue.Enqueue(link);
                }
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
        problems.ShouldBeEmpty();
        // The walk reached the pages staff work in, not only the navigation.
        foreach (var kind in new[] { "/Customers/{id}", "/Callbacks/{id}", "/Complaints/{id}", "/Callbacks/Reports/Satisfaction", "/Knowledge" })
            checkedKinds["th.crm"].ShouldContain(kind);
        checkedKinds["th.callback"].ShouldContain("/Callbacks/{id}");
        checkedKinds.Values.Sum(k => k.Count).ShouldBeGreaterThan(100);
    }

    private static async Task<List<string>> LinksAsync(IPage page, string selector) =>
        (await page.Locator(selector).EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            .Where(h => h is not null && !h.Contains("handler=") && !h.StartsWith("/Account/") && !h.StartsWith("/api/") && !h.Contains("Export") && !h.Contains('#'))
            .Distinct().ToList();
}
