using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Audit;

/// <summary>The audit log, for the audit administrator only: filter, page, verify the chain. Nothing here changes an entry.</summary>
[RequirePermission("audit.read")]
public class IndexModel(DcrcDb db, AuditLog audit, AuditKey key, AuditQueue queue, AuditCheckpoints checkpoints, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public AuditFilter Filter { get; private set; } = new();
    public List<AuditEntry> Items { get; private set; } = [];
    public Dictionary<int, string> StoreNames { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public AuditIntegrity.Report? Verification { get; private set; }
    public string CheckpointFile => checkpoints.FilePath;
    public IEnumerable<string> KnownActions => AuditActionCatalog.All;

    public string ActionLabel(string action)
    {
        var s = l["AuditAction." + action];
        return s.ResourceNotFound ? action : s.Value;
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        await audit.WriteAsync(AuditActions.AuditRead, Filter.Describe());
    }

    public async Task OnPostVerifyAsync()
    {
        await queue.FlushAsync();
        Verification = await AuditIntegrity.CheckAsync(db, key, checkpoints);
        await audit.WriteAsync(AuditActions.AuditVerified, AuditIntegrity.Describe(Verification));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await queue.FlushAsync(); // the reads of a moment ago are listed too
        Filter = new AuditFilter { From = From, To = To, User = UserFilter, Action = ActionFilter, Entity = Entity, Page = PageNumber, PageSize = 50 };
        var (items, total) = await Filter.PageAsync(db, StoreTime.GroupZone);
        Items = items;
        StoreNames = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        Pager = new Pager(Filter.Page, Filter.PageSize, total, Request);
    }
}
