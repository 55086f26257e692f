using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Knowledge;

/// <summary>Scripts and FAQ (SPEC §11): read by everyone who talks to customers, edited by the CR manager.</summary>
[PermissionSet]
public static class KnowledgePermissions
{
    public static readonly Permission Read = new("knowledge.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.ReceptionSpecialist, Roles.SalesManager, Roles.SalesConsultant, Roles.ServiceManager, Roles.ServiceAdvisor);
    public static readonly Permission Edit = new("knowledge.edit", Roles.GeneralManager, Roles.CrManager);
}

[AuditActionSet]
public static class KnowledgeAuditActions
{
    public const string ScriptSaved = "knowledge.script_saved";
    public const string FaqSaved = "knowledge.faq_saved";
}

public sealed class PhraseInput
{
    [Display(Name = "Field.PhraseStage")] public PhraseStage? Stage { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Situation")] public string? Situation { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Say")] public string? Say { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.NeverSay")] public string? NeverSay { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.NeverDo")] public string? NeverDo { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Situation) && string.IsNullOrWhiteSpace(Say) && string.IsNullOrWhiteSpace(NeverSay) && string.IsNullOrWhiteSpace(NeverDo);

    public static PhraseInput From(ScriptPhrase p) => new() { Stage = p.Stage, Situation = p.Situation, Say = p.Say, NeverSay = p.NeverSay, NeverDo = p.NeverDo };
}

/// <summary>A script's phrases, in order, replacing the ones it had; with the version read.</summary>
public sealed class ScriptInput
{
    public List<PhraseInput> Phrases { get; set; } = [];
    public int? Version { get; set; }
}

public sealed class FaqInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.FaqQuestion")]
    public string? Question { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.FaqAnswer")]
    public string? Answer { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Tags")] public string? Tags { get; set; }
    public int? Version { get; set; }
}

/// <summary>A phrase as shown beside a call: the placeholders filled in.</summary>
public sealed record PhraseView(PhraseStage Stage, string? Situation, string? Say, string? NeverSay, string? NeverDo);

/// <summary>What the call and callback screens show: the call type's script, the phrases of every call and the ten forbidden phrases.</summary>
public sealed record ScriptView(string Topic, IReadOnlyList<PhraseView> Phrases, IReadOnlyList<PhraseView> General, IReadOnlyList<string> Forbidden);

/// <summary>An FAQ answer as shown beside a call.</summary>
public sealed record FaqView(int Id, string Question, string Answer);

/// <summary>A questionnaire's own opening and closing, which replace the script's in a survey call.</summary>
public sealed record SurveyWords(string Opening, string Closing);

/// <summary>
/// The values of {store}, {me}, {customer} (as addressed: 令狐先生) and {model} (the vehicle's, or the words for any
/// car) where a script is shown, so that no placeholder is left on screen.
/// </summary>
public sealed record ScriptTokens(string Store, string Me, string Customer, string Model)
{
    public static readonly string[] Placeholders = ["{store}", "{me}", "{customer}", "{model}"];

    public string? Fill(string? text) => text?.Replace("{store}", Store, StringComparison.Ordinal).Replace("{me}", Me, StringComparison.Ordinal)
        .Replace("{customer}", Customer, StringComparison.Ordinal).Replace("{model}", Model, StringComparison.Ordinal);
}

public class KnowledgeBase(DcrcDb db, UnitOfWork uow, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxPhrases = 80;

    public Task<List<Script>> ScriptsAsync() =>
        db.Scripts.AsNoTracking().Include(s => s.Phrases.OrderBy(p => p.Number)).OrderBy(s => s.Id).ToListAsync();

    public Task<Script?> ScriptAsync(string topic) =>
        db.Scripts.AsNoTracking().Include(s => s.Phrases.OrderBy(p => p.Number)).FirstOrDefaultAsync(s => s.Topic == topic);

    /// <summary>
    /// The script of <paramref name="topic"/> (none: only the phrases every call shares) with the general phrases and the
    /// ten forbidden ones, placeholders filled. A survey keeps its questionnaire's opening and closing (<paramref name="survey"/>).
    /// </summary>
    public async Task<ScriptView> ViewAsync(string? topic, ScriptTokens tokens, SurveyWords? survey = null)
    {
        var wanted = new[] { ScriptTopics.General, ScriptTopics.Forbidden, topic ?? ScriptTopics.General };
        var scripts = await db.Scripts.AsNoTracking().Where(s => wanted.Contains(s.Topic)).Include(s => s.Phrases).ToListAsync();
        List<ScriptPhrase> Of(string t) => scripts.FirstOrDefault(s => s.Topic == t)?.Phrases.OrderBy(p => p.Number).ToList() ?? [];
        PhraseView View(ScriptPhrase p) => new(p.Stage, p.Situation, tokens.Fill(p.Say), p.NeverSay, p.NeverDo);
        var main = topic is null || topic is ScriptTopics.General or ScriptTopics.Forbidden ? [] : Of(topic).Select(View).ToList();
        if (ScriptTopics.KindOf(topic ?? "") is { } kind)
        {
            // An opening left empty falls back to the built-in one; a survey's opening and closing are its questionnaire's.
            var opening = survey?.Opening ?? main.FirstOrDefault(p => p.Stage == PhraseStage.Opening && !string.IsNullOrWhiteSpace(p.Say))?.Say
                ?? l["Callbacks.Script.Opening." + kind].Value;
            main.RemoveAll(p => p.Stage == PhraseStage.Opening && p.NeverSay is null && p.NeverDo is null);
            var at = main.FindLastIndex(p => p.Stage == PhraseStage.Greeting) + 1;
            main.Insert(at, new PhraseView(PhraseStage.Opening, null, tokens.Fill(opening), null, null));
            if (survey is not null)
                main = main.Select(p => p.Stage == PhraseStage.Closing ? p with { Say = tokens.Fill(survey.Closing) } : p).ToList();
        }
        return new(topic ?? ScriptTopics.General, main, Of(ScriptTopics.General).Select(View).ToList(),
            Of(ScriptTopics.Forbidden).Where(p => p.NeverSay is not null).Select(p => p.NeverSay!).ToList());
    }

    public async Task<Written<Script>> SaveScriptAsync(int id, ScriptInput input)
    {
        var script = await db.Scripts.FirstOrDefaultAsync(s => s.Id == id);
        if (script is null) return Written.NotFound<Script>();
        if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return uow.Refuse<Script>(WriteStatus.Invalid, unversioned);
        if (input.Version != script.Version) return uow.Conflict<Script>();
        var errors = new Dictionary<string, string[]>();
        var rows = input.Phrases.Select((p, i) => (p, i)).Where(x => !x.p.IsBlank).ToList();
        if (rows.Count == 0) errors["phrases"] = [l["Validation.Required", l["Field.Phrases"]]];
        if (rows.Count > MaxPhrases) errors["phrases"] = [l["Validation.Range", l["Field.Phrases"], 1, MaxPhrases]];
        foreach (var (p, i) in rows)
        {
            if (p.Stage is not { } stage || !Enum.IsDefined(stage)) errors[$"phrases[{i}].stage"] = [l["Validation.Required", l["Field.PhraseStage"]]];
            if (string.IsNullOrWhiteSpace(p.Say) && string.IsNullOrWhiteSpace(p.NeverSay) && string.IsNullOrWhiteSpace(p.NeverDo))
                errors[$"phrases[{i}].say"] = [l["Validation.Required", l["Field.Say"]]];
            Check(p.Situation, 200, $"phrases[{i}].situation", "Field.Situation");
            Check(p.Say, 1000, $"phrases[{i}].say", "Field.Say");
            Check(p.NeverSay, 500, $"phrases[{i}].neverSay", "Field.NeverSay");
            Check(p.NeverDo, 200, $"phrases[{i}].neverDo", "Field.NeverDo");
        }
        if (errors.Count > 0) return uow.Refuse<Script>(WriteStatus.Invalid, errors);

        script.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        script.UpdatedBy = me.UserName;
        db.Entry(script).Property(s => s.UpdatedAt).IsModified = true; // the version goes up even when only phrases change
        uow.Audit(new(KnowledgeAuditActions.ScriptSaved, $"{script.Topic}: {rows.Count} phrases", "Script", id.ToString(CultureInfo.InvariantCulture)));
        var saved = await uow.SaveAsync(script, then: async () =>
        {
            await db.ScriptPhrases.Where(p => p.ScriptId == id).ExecuteDeleteAsync();
            var n = 0;
            db.ScriptPhrases.AddRange(rows.Select(x => new ScriptPhrase
            {
                ScriptId = id, Number = ++n, Stage = x.p.Stage!.Value, Situation = Blank(x.p.Situation), Say = Blank(x.p.Say), NeverSay = Blank(x.p.NeverSay), NeverDo = Blank(x.p.NeverDo),
            }));
            await db.SaveChangesAsync();
        });
        if (!saved.Saved) return saved;
        return new(WriteStatus.Saved, await db.Scripts.AsNoTracking().Include(s => s.Phrases.OrderBy(p => p.Number)).SingleAsync(s => s.Id == id), Written.NoErrors);

        void Check(string? text, int max, string key, string label)
        {
            if (text is { Length: > 0 } t && t.Trim().Length > max) errors[key] = [l["Validation.StringLength", l[label], max, 0]];
        }
    }

    /// <summary>FAQ answers matching every word of <paramref name="q"/> in the question, answer or tags.</summary>
    public async Task<Paged<FaqEntry>> FaqAsync(string? q, int page, int pageSize)
    {
        var query = db.FaqEntries.AsNoTracking();
        foreach (var word in Words(q)) query = query.Where(f => f.Question.Contains(word) || f.Answer.Contains(word) || (f.Tags != null && f.Tags.Contains(word)));
        var total = await query.CountAsync();
        var items = await query.OrderBy(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return new(items, page, pageSize, total);
    }

    /// <summary>The first answers for <paramref name="q"/> as shown beside a call: placeholders filled.</summary>
    public async Task<List<FaqView>> FaqViewsAsync(string? q, int take, ScriptTokens tokens) =>
        (await FaqAsync(q, 1, take)).Items.Select(f => new FaqView(f.Id, f.Question, tokens.Fill(f.Answer) ?? "")).ToList();

    public Task<FaqEntry?> FaqEntryAsync(int id) => db.FaqEntries.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id);

    /// <summary>Phrases of any script that contain every word of <paramref name="q"/>, with their topic.</summary>
    public async Task<List<(string Topic, ScriptPhrase Phrase)>> SearchPhrasesAsync(string? q, int take = 50)
    {
        var words = Words(q);
        if (words.Count == 0) return [];
        var query = db.ScriptPhrases.AsNoTracking();
        foreach (var w in words)
            query = query.Where(p => (p.Situation != null && p.Situation.Contains(w)) || (p.Say != null && p.Say.Contains(w))
                || (p.NeverSay != null && p.NeverSay.Contains(w)) || (p.NeverDo != null && p.NeverDo.Contains(w)));
        var hits = await query.Join(db.Scripts, p => p.ScriptId, s => s.Id, (p, s) => new { s.Topic, Phrase = p })
            .OrderBy(x => x.Phrase.ScriptId).ThenBy(x => x.Phrase.Number).Take(take).ToListAsync();
        return hits.Select(h => (h.Topic, h.Phrase)).ToList();
    }

    public async Task<Written<FaqEntry>> SaveFaqAsync(int? id, FaqInput input)
    {
        FaqEntry? entry = null;
        if (id is { } existing)
        {
            entry = await db.FaqEntries.FirstOrDefaultAsync(f => f.Id == existing);
            if (entry is null) return Written.NotFound<FaqEntry>();
            if (Kernel.Api.Versioned.Missing(input.Version, l) is { } unversioned) return uow.Refuse<FaqEntry>(WriteStatus.Invalid, unversioned);
            if (input.Version != entry.Version) return uow.Conflict<FaqEntry>();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Question)) errors["question"] = [l["Validation.Required", l["Field.FaqQuestion"]]];
        if (string.IsNullOrWhiteSpace(input.Answer)) errors["answer"] = [l["Validation.Required", l["Field.FaqAnswer"]]];
        var tags = string.Join(",", Customers.Tags.Split(input.Tags));
        if (tags.Length > 200) errors["tags"] = [l["Validation.StringLength", l["Field.Tags"], 200, 0]];
        if (errors.Count > 0) return uow.Refuse<FaqEntry>(WriteStatus.Invalid, errors);
        entry ??= db.FaqEntries.Add(new FaqEntry()).Entity;
        entry.Question = input.Question!.Trim();
        entry.Answer = input.Answer!.Trim();
        entry.Tags = tags.Length > 0 ? tags : null;
        entry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        entry.UpdatedBy = me.UserName;
        uow.AuditOnSave(() => new(KnowledgeAuditActions.FaqSaved, entry.Question, "FaqEntry", entry.Id.ToString(CultureInfo.InvariantCulture)));
        return await uow.SaveAsync(entry);
    }

    /// <summary>The label of a topic: "来电：咨询", "回访：销售满意度回访", "通用话术"…</summary>
    public string TopicLabel(string topic) => topic switch
    {
        ScriptTopics.General => l["Knowledge.Topic.General"],
        ScriptTopics.Forbidden => l["Knowledge.Topic.Forbidden"],
        _ when ScriptTopics.PurposeOf(topic) is { } p => l["Knowledge.Topic.Call", l["CallPurpose." + p]],
        _ when ScriptTopics.KindOf(topic) is { } k => l["Knowledge.Topic.Callback", l["CallbackKind." + k]],
        _ => topic,
    };

    private static List<string> Words(string? q) =>
        (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5).Select(w => w.Length > 50 ? w[..50] : w).ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
