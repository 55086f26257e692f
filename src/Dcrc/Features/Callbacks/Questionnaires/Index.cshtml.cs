using Dcrc.Kernel.Writes;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Callbacks.Questionnaires;

/// <summary>The questionnaire editor of the CR manager: the script's greeting and closing and Q1…Qn; saving makes the next version.</summary>
[RequirePermission("callbacks.questionnaires")]
public class IndexModel(QuestionnaireBook book, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int BlankRows = 3;
    [BindProperty(SupportsGet = true)] public SurveyKind Kind { get; set; }
    [BindProperty] public QuestionnaireInput Input { get; set; } = new();
    public List<Questionnaire> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await book.CurrentAsync(Kind) is { } current) Input = QuestionnaireInput.From(current);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var (saved, errors) = await book.SaveAsync(Kind, Input);
            if (saved != null)
            {
                TempData["Flash"] = l["Questionnaires.Saved", saved.Version].Value;
                return Redirect($"/Callbacks/Questionnaires?kind={Kind}");
            }
            WrittenResults.AddTo(errors, ModelState, "Input", "version", "questions");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Versions = await book.VersionsAsync(Kind);
        while (Input.Questions.Count(q => string.IsNullOrWhiteSpace(q.Text)) < BlankRows) Input.Questions.Add(new QuestionInput());
    }
}
