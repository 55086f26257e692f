using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Features.Knowledge;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Calls;

/// <summary>
/// The call desk (SPEC §7): a number box that pops the caller's card as the agent types (htmx) or as the telephony
/// system reports a call on the agent's line (Server-Sent Events, no reload); the log form saved in one click (or
/// saved and taken on to open a complaint); the script of the chosen purpose with what never to say, and the FAQ;
/// the store's log of a day or range, paged, exportable.
/// </summary>
[RequirePermission("calls.desk")]
public class IndexModel(CallDesk calls, CallerCards cards, KnowledgeBase knowledge, DcrcDb db, StoreScope scope, CurrentUser me, Kernel.Time.StoreClock storeClock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;
    [BindProperty] public CallInput Input { get; set; } = new();
    /// <summary>The promised call-back time as the agent types it, in the store's time.</summary>
    [BindProperty] public DateTime? PromisedLocal { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>The log's page (not a bound property: on a POST "page" is the route's page name).</summary>
    public int PageNumber { get; set; } = 1;

    public Kernel.Api.Paged<CallDesk.Row> Rows { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    public AgentLine? MyLine { get; private set; }
    public ScriptView Script { get; private set; } = null!;
    public CallerCards.Card? Card { get; private set; }
    public bool CanExport { get; private set; }
    public bool ManagesLines { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = StoreTime.GroupZone;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int page = 1)
    {
        PageNumber = page;
        await LoadAsync();
    }

    /// <summary>The caller's card for a typed number, or for a call the telephony system reported (by its id).</summary>
    public async Task<IActionResult> OnGetCardAsync([FromQuery(Name = "Input.Number")] string? number, long? callId)
    {
        if (callId is { } id)
        {
            var call = await calls.FindAsync(id);
            if (call is null) return NotFound();
            return Partial("_CallerCard", await cards.ForNumberAsync(call.Number, call.Id));
        }
        if (!CallerCards.IsComplete(number)) return Partial("_CallerCard", null);
        return Partial("_CallerCard", await cards.ForNumberAsync(number!.Trim()));
    }

    public async Task<IActionResult> OnGetScriptAsync([FromQuery(Name = "Input.Purpose")] CallPurpose? purpose) =>
        Partial("/Features/Knowledge/_Script.cshtml", await ScriptAsync(purpose));

    public async Task<IActionResult> OnGetFaqAsync(string? q)
    {
        return Partial("_Faq", await knowledge.FaqViewsAsync(q, 5, await TokensAsync()));
    }

    /// <summary>Saves the call; <paramref name="then"/> = complaint saves it as a complaint call and goes on to open the complaint case.</summary>
    public async Task<IActionResult> OnPostAsync(string? then)
    {
        var complaint = then == "complaint";
        if (complaint)
        {
            Input.Purpose = CallPurpose.Complaint;
            ModelState.Remove("Input.Purpose");
        }
        if (PromisedLocal is { } local)
        {
            var zone = await storeClock.ZoneAsync(Input.StoreId ?? scope.CurrentStoreId ?? me.StoreIds.FirstOrDefault());
            Input.PromisedCallbackAt = new DateTimeOffset(StoreTime.ToUtc(local, zone), TimeSpan.Zero);
        }
        if (ModelState.IsValid)
        {
            var r = await calls.LogAsync(Input);
            if (r.OutOfReach() is { } away) return away;
            if (r.Saved)
            {
                // The complaint case is opened from the call in one step; that page takes the call's id.
                if (complaint) return LocalRedirect($"/Complaints/New?callId={r.Value!.Id}");
                TempData["Flash"] = r.Value!.CallbackTaskId is { } task ? l["Calls.SavedWithTask", task].Value : l["Calls.Saved"].Value;
                return LocalRedirect("/Calls");
            }
            r.AddTo(ModelState, "Input", "storeId", "callId");
        }
        await LoadAsync();
        if (Input.CallId is { } id && await calls.FindAsync(id) is { } reported) Card = await cards.ForNumberAsync(reported.Number, id);
        else if (CallerCards.IsComplete(Input.Number)) Card = await cards.ForNumberAsync(Input.Number!.Trim());
        Script = await ScriptAsync(Input.Purpose);
        return Page();
    }

    /// <summary>The "my line" box: the agent sits on a line (empty: leaves theirs).</summary>
    public async Task<IActionResult> OnPostLineAsync(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            if (await calls.MyLineAsync() is { } mine) await calls.SetLineAsync(mine.Line, null, mine.StoreId);
            TempData["Flash"] = l["Calls.LineLeft"].Value;
            return LocalRedirect("/Calls");
        }
        var (row, errors) = await calls.SetLineAsync(line, me.Id, null);
        TempData["Flash"] = row is null ? errors.First().Value.First() : l["Calls.LineTaken", row.Line].Value;
        return LocalRedirect("/Calls");
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await me.CanAsync(CallPermissions.Export)) return Forbid();
        var today = await calls.TodayAsync();
        var (from, to) = Range(today);
        return File((await calls.ExportAsync(from, to)).File, Kernel.Excel.Spreadsheet.XlsxContentType, $"calls-{from:yyyyMMdd}-{to:yyyyMMdd}.xlsx");
    }

    private (DateOnly From, DateOnly To) Range(DateOnly today)
    {
        var from = From ?? To ?? today;
        var to = To ?? From ?? today;
        if (to < from) (from, to) = (to, from);
        if (to.DayNumber - from.DayNumber > 366) from = to.AddDays(-366);
        return (from, to);
    }

    private async Task LoadAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        Today = await calls.TodayAsync();
        (var from, var to) = Range(Today);
        (From, To) = (from, to);
        Rows = await calls.ListAsync(from, to, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
        MyLine = await calls.MyLineAsync();
        CanExport = await me.CanAsync(CallPermissions.Export);
        ManagesLines = await me.CanAsync(CallPermissions.Lines);
        Zone = await storeClock.ZoneAsync(scope.CurrentStoreId ?? me.StoreIds.FirstOrDefault());
        Script = await ScriptAsync(null);
    }

    private async Task<ScriptView> ScriptAsync(CallPurpose? purpose) =>
        await knowledge.ViewAsync(purpose is { } p && Enum.IsDefined(p) ? ScriptTopics.For(p) : null, await TokensAsync());

    /// <summary>The script's placeholders at this desk: the store, the agent, the caller addressed neutrally (先生/女士), any car.</summary>
    private async Task<ScriptTokens> TokensAsync()
    {
        var storeId = scope.CurrentStoreId ?? me.StoreIds.FirstOrDefault();
        var store = await db.Stores.Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync() ?? "";
        return new ScriptTokens(store, me.DisplayName, Kernel.Localization.Cultures.InChinese(l, Kernel.Salutation.Key(Kernel.Salutation.Kind.Neutral)),
            Kernel.Localization.Cultures.InChinese(l, "Scripts.AnyModel"));
    }
}
