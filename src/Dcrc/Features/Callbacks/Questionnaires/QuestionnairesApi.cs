using Dcrc.Kernel.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dcrc.Features.Callbacks.Questionnaires;

public static class QuestionnairesApi
{
    public sealed record QuestionDto(int Id, int Number, string Text, AnswerType Type, IReadOnlyList<string> Options);
    public sealed record QuestionnaireDto(int Id, SurveyKind Kind, int Version, string Title, string Opening, string Closing, DateTime CreatedAt, string? CreatedBy,
        IReadOnlyList<QuestionDto> Questions);

    public static RouteGroupBuilder MapQuestionnairesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/questionnaires");
        group.MapGet("", Current).WithSummary("The questionnaires in use: the latest version of the sales (表1) and the service (表2) questionnaire");
        group.MapGet("{id:int}", ById).WithSummary("One version of a questionnaire (answers refer to the version they were given to)");
        group.MapPut("{kind}", Save).RequireAuthorization(CallbackPermissions.Questionnaires.Policy)
            .WithSummary("Save the next version of a questionnaire (kind sales or service), with the version the edit started from; unchanged content saves nothing");
        return api;
    }

    public static QuestionnaireDto ToDto(Questionnaire q) => new(q.Id, q.Kind, q.Version, q.Title, q.Opening, q.Closing, q.CreatedAt, q.CreatedBy,
        q.Questions.OrderBy(x => x.Number).Select(x => new QuestionDto(x.Id, x.Number, x.Text, x.Type, x.OptionList)).ToList());

    public static async Task<Ok<List<QuestionnaireDto>>> Current(QuestionnaireBook book)
    {
        var list = new List<QuestionnaireDto>();
        foreach (var kind in Enum.GetValues<SurveyKind>())
            if (await book.CurrentAsync(kind) is { } q) list.Add(ToDto(q));
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<QuestionnaireDto>, NotFound>> ById(int id, QuestionnaireBook book) =>
        await book.VersionAsync(id) is { } q ? TypedResults.Ok(ToDto(q)) : TypedResults.NotFound();

    public static async Task<Results<Ok<QuestionnaireDto>, NotFound, ValidationProblem>> Save(string kind, QuestionnaireInput input, QuestionnaireBook book, ApiValidator validator)
    {
        if (!Enum.TryParse<SurveyKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k)) return TypedResults.NotFound();
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var (saved, refused) = await book.SaveAsync(k, input);
        return saved is null ? validator.Problem(refused) : TypedResults.Ok(ToDto(saved));
    }
}
