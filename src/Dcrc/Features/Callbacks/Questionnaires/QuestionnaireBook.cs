using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Questionnaires;

[AuditActionSet]
public static class QuestionnaireAuditActions
{
    public const string Saved = "callbacks.questionnaire";
}

public sealed class QuestionInput
{
    [StringLength(300, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.QuestionText")] public string? Text { get; set; }
    [Display(Name = "Field.AnswerType")] public AnswerType Type { get; set; }
    /// <summary>For a choice: the options separated by "|".</summary>
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.AnswerOptions")] public string? Options { get; set; }
}

public sealed class QuestionnaireInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.QuestionnaireTitle")]
    public string? Title { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Opening")]
    public string? Opening { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Closing")]
    public string? Closing { get; set; }
    /// <summary>In order: Q1, Q2 … (rows with no text are left out).</summary>
    public List<QuestionInput> Questions { get; set; } = [];
    /// <summary>The version the edit started from; saving over a newer one is refused.</summary>
    public int? Version { get; set; }

    public static QuestionnaireInput From(Questionnaire q) => new()
    {
        Title = q.Title, Opening = q.Opening, Closing = q.Closing, Version = q.Version,
        Questions = q.Questions.OrderBy(x => x.Number).Select(x => new QuestionInput { Text = x.Text, Type = x.Type, Options = x.Options }).ToList(),
    };
}

/// <summary>The questionnaires in use and their versions; an edit saves the next version (old answers keep their meaning).</summary>
public class QuestionnaireBook(DcrcDb db, UnitOfWork uow, Kernel.Access.CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public Task<Questionnaire?> CurrentAsync(SurveyKind kind) =>
        db.Questionnaires.AsNoTracking().Include(q => q.Questions.OrderBy(x => x.Number)).Where(q => q.Kind == kind).OrderByDescending(q => q.Version).FirstOrDefaultAsync();

    public Task<Questionnaire?> VersionAsync(int id) =>
        db.Questionnaires.AsNoTracking().Include(q => q.Questions.OrderBy(x => x.Number)).FirstOrDefaultAsync(q => q.Id == id);

    public Task<List<Questionnaire>> VersionsAsync(SurveyKind kind) =>
        db.Questionnaires.AsNoTracking().Where(q => q.Kind == kind).OrderByDescending(q => q.Version).ToListAsync();

    /// <summary>Saves the next version when anything changed; errors are keyed by field (questions[2].options).</summary>
    public async Task<(Questionnaire? Saved, Dictionary<string, string[]> Errors)> SaveAsync(SurveyKind kind, QuestionnaireInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = input.Questions.Select((q, i) => (Q: q, I: i)).Where(x => !string.IsNullOrWhiteSpace(x.Q.Text)).ToList();
        if (rows.Count == 0) errors["questions"] = [l["Validation.Required", l["Field.QuestionText"]]];
        foreach (var (q, i) in rows)
        {
            var options = Split(q.Options);
            if (q.Type == AnswerType.Choice && options.Count < 2) errors[$"questions[{i}].options"] = [l["Questionnaires.ChoiceNeedsOptions", l["Field.AnswerOptions"]]];
            if (q.Type != AnswerType.Choice && options.Count > 0) errors[$"questions[{i}].options"] = [l["Questionnaires.OnlyChoiceHasOptions", l["Field.AnswerOptions"]]];
        }
        var current = await CurrentAsync(kind);
        if (current != null && input.Version != current.Version) errors["version"] = [l["Validation.Concurrency"]];
        if (errors.Count > 0) return (null, errors);

        var next = new Questionnaire
        {
            Kind = kind, Version = (current?.Version ?? 0) + 1, Title = input.Title!.Trim(), Opening = input.Opening!.Trim(), Closing = input.Closing!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = me.UserName,
            Questions = rows.Select((x, n) => new Question
            {
                Number = n + 1, Text = x.Q.Text!.Trim(), Type = x.Q.Type, Options = x.Q.Type == AnswerType.Choice ? string.Join('|', Split(x.Q.Options)) : null,
            }).ToList(),
        };
        if (current != null && Same(current, next)) return (current, []);
        db.Questionnaires.Add(next);
        uow.AuditOnSave(() => new(QuestionnaireAuditActions.Saved, $"{kind} v{next.Version}: {next.Questions.Count} questions", "Questionnaire", next.Id.ToString(CultureInfo.InvariantCulture)));
        // Someone saved the same next version a moment ago (unique kind + version): their version is newer than the one read.
        var saved = await uow.SaveAsync(next, taken: uow.Conflict<Questionnaire>);
        return saved.Saved ? (next, []) : (null, saved.Errors.ToDictionary());
    }

    private static List<string> Split(string? options) => (options ?? "").Split(['|', '｜'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool Same(Questionnaire a, Questionnaire b) =>
        a.Title == b.Title && a.Opening == b.Opening && a.Closing == b.Closing && a.Questions.Count == b.Questions.Count
        && a.Questions.OrderBy(q => q.Number).Zip(b.Questions.OrderBy(q => q.Number)).All(p => p.First.Text == p.Second.Text && p.First.Type == p.Second.Type && p.First.Options == p.Second.Options);
}
