using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Notifications;

/// <summary>
/// The user's notices (breached limits, escalations), grouped by the case they are about, newest first, paged; the
/// unread alone on request; marked read a case at a time or all at once.
/// </summary>
[Authorize]
public class IndexModel(Notifier notifier, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public List<(NoticeGroup Group, string Text)> Groups { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        var (groups, total) = await notifier.GroupsAsync(me.Id ?? "", Unread, PageNumber, PageSize);
        Groups = groups.Select(g => (g, Text(g.Latest))).ToList();
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }

    /// <summary>Marks read the notices of one case (<paramref name="link"/>), or all of them.</summary>
    public async Task<IActionResult> OnPostReadAsync(string? link, bool all)
    {
        await notifier.MarkReadAsync(me.Id ?? "", clock.GetUtcNow().UtcDateTime, string.IsNullOrEmpty(link) ? null : link, all);
        return LocalRedirect($"/Notifications?unread={Unread}&page={Math.Max(1, PageNumber)}");
    }

    // Arguments that are resource keys (a limit's name) are shown in the reader's language too.
    private string Text(Notification n) => l[n.Key, n.Arguments.Select(a => a is string s && s.Contains('.') ? l[s].Value : a).ToArray()].Value;
}
