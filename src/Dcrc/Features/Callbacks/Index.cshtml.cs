using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The work queue (SPEC §5): today's due, overdue, rescheduled, oldest first, with counts; taking a task from the
/// pool; for managers everyone's tasks, one person's or the pool's, and handing them out in bulk.
/// </summary>
[RequirePermission("callbacks.work")]
public class IndexModel(CallbackDesk desk, CallbackReports reports, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public QueueView View { get; set; }
    /// <summary>Managers: one assignee's tasks ("-" for the pool).</summary>
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public CallbackKind? Kind { get; set; }
    /// <summary>The search box: a customer's name, pinyin, plate or mobile tail.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The task "call the next" opens (agreed call-backs first, then the oldest due).</summary>
    public long? Next { get; private set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public Kernel.Api.Paged<CallbackDesk.Row> Rows { get; private set; } = null!;
    public CallbackDesk.Counts Counts { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    public bool MayAssign { get; private set; }
    public bool WorksPool { get; private set; }
    public List<(string Id, string Name)> Assignees { get; private set; } = [];
    public CallbackReports.Coverage Coverage { get; private set; } = null!;
    public string? MyId => me.Id;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        if (!Enum.IsDefined(View)) View = QueueView.Due;
        MayAssign = await desk.MayAssignAsync();
        WorksPool = await me.CanAsync(CallbackPermissions.Pool);
        var assignee = MayAssign && Assignee is { Length: > 0 } a ? (a == "-" ? "" : a) : null;
        if (Q is { Length: > 100 }) Q = Q[..100];
        Rows = await desk.ListAsync(View, assignee, Kind is { } k && Enum.IsDefined(k) ? k : null, PageNumber, PageSize, Q);
        Next = await desk.NextAsync();
        Counts = await desk.CountsAsync();
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
        if (MayAssign) Assignees = await desk.AssigneesAsync();
        Coverage = await reports.CoverageAsync(await desk.TodayAsync());
    }

    public async Task<IActionResult> OnPostClaimAsync(long id)
    {
        var r = await desk.ClaimAsync(id);
        if (r.OutOfReach() is { } away) return away;
        if (!r.Saved) { TempData["Flash"] = l["Callbacks.HeldByOther"].Value; return Back(); }
        return LocalRedirect($"/Callbacks/{id}");
    }

    public async Task<IActionResult> OnPostAssignAsync(List<long> taskIds, string? userId)
    {
        var (n, errors) = await desk.AssignAsync(new AssignInput { TaskIds = taskIds, UserId = userId });
        TempData["Flash"] = errors.Count > 0 ? errors.First().Value.First() : l["Callbacks.Assigned", n].Value;
        return Back();
    }

    private IActionResult Back() =>
        LocalRedirect($"/Callbacks?view={View}&assignee={Uri.EscapeDataString(Assignee ?? "")}&kind={Kind}&q={Uri.EscapeDataString(Q ?? "")}&page={Math.Max(1, PageNumber)}");
}
