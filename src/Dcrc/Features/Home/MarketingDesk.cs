using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Home;

/// <summary>
/// Marketing's home until campaigns come with the care issue: the archive it may see, by class (one grouped query),
/// and the pages its role may open today.
/// </summary>
public class MarketingDesk(CustomerArchive archive, CurrentUser me)
{
    /// <summary><see cref="ByClass"/>: approved or draft archives by class; class A only when the viewer may see it.</summary>
    public sealed record View(IReadOnlyDictionary<CustomerClass, int>? ByClass, bool SeesClassA, bool MayExport, bool MayReadSms);

    public async Task<View> LoadAsync()
    {
        IReadOnlyDictionary<CustomerClass, int>? byClass = null;
        var viewer = await archive.ViewerAsync();
        if (await me.CanAsync(CustomerPermissions.Read))
            byClass = await archive.Visible(viewer).GroupBy(c => c.Class).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        // The SMS send log (表13) is a callback report: open to marketing only where its role was given the reports.
        return new(byClass, viewer.SeesClassA, await me.CanAsync(CustomerPermissions.Export), await me.CanAsync(CallbackPermissions.Reports));
    }
}
