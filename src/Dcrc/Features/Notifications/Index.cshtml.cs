using Dcrc.Kernel.Access;
using Dcrc.Kernel.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Notifications;

/// <summary>The user's notices (breached limits, escalations), newest first; opening the page marks them read.</summary>
[Authorize]
public class IndexModel(Notifier notifier, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<(Notification Notice, string Text)> Notices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var id = me.Id ?? "";
        // Arguments that are resource keys (a limit's name) are shown in the reader's language too.
        Notices = (await notifier.LatestAsync(id)).Select(n => (n, l[n.Key, n.Arguments.Select(a => a is string s && s.Contains('.') ? l[s].Value : a).ToArray()].Value)).ToList();
        await notifier.MarkReadAsync(id, clock.GetUtcNow().UtcDateTime);
    }
}
