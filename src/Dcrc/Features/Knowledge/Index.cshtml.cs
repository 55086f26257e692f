using Dcrc.Kernel.Writes;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Knowledge;

/// <summary>
/// The knowledge base (SPEC §11): the script of each call type with what never to say, and the FAQ answers; one search
/// box over both. Everyone who talks to customers reads it; the CR manager edits it (a stale edit is refused).
/// </summary>
[RequirePermission("knowledge.read")]
public class IndexModel(KnowledgeBase knowledge, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20, BlankRows = 3;
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The FAQ answer being edited (0: a new one).</summary>
    [BindProperty(SupportsGet = true)] public int? Faq { get; set; }
    /// <summary>The FAQ list's page (not a bound property: on a POST "page" is the route's page name).</summary>
    public int PageNumber { get; set; } = 1;
    [BindProperty] public ScriptInput Input { get; set; } = new();
    [BindProperty] public FaqInput FaqInput { get; set; } = new();

    public List<Script> Scripts { get; private set; } = [];
    public Script Current { get; private set; } = null!;
    public Kernel.Api.Paged<FaqEntry> FaqPage { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    public List<(string Topic, ScriptPhrase Phrase)> PhraseHits { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public string Label(string topic) => knowledge.TopicLabel(topic);

    public async Task<IActionResult> OnGetAsync(int page = 1)
    {
        PageNumber = page;
        if (!await LoadAsync()) return NotFound();
        Input = new ScriptInput { Version = Current.Version, Phrases = Current.Phrases.OrderBy(p => p.Number).Select(PhraseInput.From).ToList() };
        if (Faq is { } id and > 0)
        {
            var entry = await knowledge.FaqEntryAsync(id);
            if (entry is null) return NotFound();
            FaqInput = new FaqInput { Question = entry.Question, Answer = entry.Answer, Tags = entry.Tags, Version = entry.Version };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostScriptAsync()
    {
        if (!await me.CanAsync(KnowledgePermissions.Edit)) return Forbid();
        if (!await LoadAsync()) return NotFound();
        ModelState.Clear(); // the knowledge base checks the rows itself (blank rows are dropped)
        var r = await knowledge.SaveScriptAsync(Current.Id, Input);
        if (r.OutOfReach() is { } away) return away;
        if (r.Saved)
        {
            TempData["Flash"] = l["Knowledge.ScriptSaved", knowledge.TopicLabel(Current.Topic)].Value;
            return Redirect($"/Knowledge?topic={Uri.EscapeDataString(Current.Topic)}");
        }
        r.AddTo(ModelState, "Input", "phrases");
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostFaqAsync()
    {
        if (!await me.CanAsync(KnowledgePermissions.Edit)) return Forbid();
        if (!await LoadAsync()) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (ModelState.IsValid)
        {
            var r = await knowledge.SaveFaqAsync(Faq is > 0 ? Faq : null, FaqInput);
            if (r.OutOfReach() is { } away) return away;
            if (r.Saved)
            {
                TempData["Flash"] = l["Knowledge.FaqSaved"].Value;
                return Redirect($"/Knowledge?topic={Uri.EscapeDataString(Current.Topic)}#faq");
            }
            r.AddTo(ModelState, "FaqInput");
        }
        Input = new ScriptInput { Version = Current.Version, Phrases = Current.Phrases.OrderBy(p => p.Number).Select(PhraseInput.From).ToList() };
        Pad();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        MayEdit = await me.CanAsync(KnowledgePermissions.Edit);
        Scripts = await knowledge.ScriptsAsync();
        var current = Scripts.FirstOrDefault(s => s.Topic == (Topic ?? ScriptTopics.General));
        if (current is null) return false;
        Current = current;
        FaqPage = await knowledge.FaqAsync(Q, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, FaqPage.Total, Request);
        PhraseHits = await knowledge.SearchPhrasesAsync(Q);
        return true;
    }

    private void Pad()
    {
        while (Input.Phrases.Count(p => p.IsBlank) < BlankRows) Input.Phrases.Add(new PhraseInput { Stage = PhraseStage.Situation });
    }
}
