using Dcrc.Kernel.Api;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Knowledge;

public static class KnowledgeApi
{
    public sealed record PhraseDto(int Number, PhraseStage Stage, string? Situation, string? Say, string? NeverSay, string? NeverDo);
    public sealed record ScriptDto(int Id, string Topic, string Label, IReadOnlyList<PhraseDto> Phrases, DateTime UpdatedAt, string? UpdatedBy, int Version);
    public sealed record FaqDto(int Id, string Question, string Answer, IReadOnlyList<string> Tags, DateTime UpdatedAt, string? UpdatedBy, int Version);

    public static ScriptDto ToDto(Script s, KnowledgeBase k) => new(s.Id, s.Topic, k.TopicLabel(s.Topic),
        s.Phrases.OrderBy(p => p.Number).Select(p => new PhraseDto(p.Number, p.Stage, p.Situation, p.Say, p.NeverSay, p.NeverDo)).ToList(), s.UpdatedAt, s.UpdatedBy, s.Version);

    public static FaqDto ToDto(FaqEntry f) => new(f.Id, f.Question, f.Answer, Customers.Tags.Split(f.Tags), f.UpdatedAt, f.UpdatedBy, f.Version);

    public static RouteGroupBuilder MapKnowledgeApi(this RouteGroupBuilder api)
    {
        var read = KnowledgePermissions.Read.Policy;
        var edit = KnowledgePermissions.Edit.Policy;
        api.MapGet("/knowledge/scripts", Scripts).RequireAuthorization(read)
            .WithSummary("The call scripts: per inbound purpose (call.inquiry…), per callback kind (callback.salesSurvey…), the phrases every call shares (general) and the ten forbidden phrases (forbidden); topic= for one");
        api.MapPut("/knowledge/scripts/{id:int}", SaveScript).RequireAuthorization(edit)
            .WithSummary("Replace a script's phrases (stage greeting|opening|situation|closing, situation, say, neverSay, neverDo) with the version you read (409 when stale)");
        api.MapGet("/knowledge/faq", Faq).RequireAuthorization(read).WithSummary("FAQ answers; q= matches every word in the question, answer or tags");
        api.MapPost("/knowledge/faq", AddFaq).RequireAuthorization(edit).WithSummary("Add an FAQ answer (question, answer, tags)");
        api.MapPut("/knowledge/faq/{id:int}", SaveFaq).RequireAuthorization(edit).WithSummary("Change an FAQ answer with the version you read (409 when stale)");
        return api;
    }

    public static async Task<Ok<List<ScriptDto>>> Scripts(KnowledgeBase knowledge, string? topic = null)
    {
        var scripts = await knowledge.ScriptsAsync();
        return TypedResults.Ok(scripts.Where(s => topic is null || s.Topic == topic).Select(s => ToDto(s, knowledge)).ToList());
    }

    public static async Task<IResult> SaveScript(int id, ScriptInput input, KnowledgeBase knowledge, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var r = await knowledge.SaveScriptAsync(id, input);
        return r.ToApi(s => TypedResults.Ok(ToDto(s, knowledge)), l);
    }

    public static async Task<Ok<Paged<FaqDto>>> Faq(KnowledgeBase knowledge, string? q = null, int page = 1, int pageSize = 50)
    {
        var result = await knowledge.FaqAsync(q, Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        return TypedResults.Ok(new Paged<FaqDto>(result.Items.Select(ToDto).ToList(), result.Page, result.PageSize, result.Total));
    }

    public static async Task<IResult> AddFaq(FaqInput input, KnowledgeBase knowledge, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var r = await knowledge.SaveFaqAsync(null, input);
        return r.ToApi(f => TypedResults.Created($"/api/v1/knowledge/faq/{f.Id}", ToDto(f)), l);
    }

    public static async Task<IResult> SaveFaq(int id, FaqInput input, KnowledgeBase knowledge, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var r = await knowledge.SaveFaqAsync(id, input);
        return r.ToApi(f => TypedResults.Ok(ToDto(f)), l);
    }
}
