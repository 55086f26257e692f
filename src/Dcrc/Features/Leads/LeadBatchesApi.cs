using Dcrc.Kernel.Api;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary><c>/api/v1/leads/batches</c> and the OEM's actions on a batch lead.</summary>
public static class LeadBatchesApi
{
    public static RouteGroupBuilder MapLeadBatchesApi(this RouteGroupBuilder api)
    {
        var oem = LeadPermissions.Oem.Policy;
        api.MapGet("/leads/batches", List).RequireAuthorization(oem).WithSummary("The OEM batches, newest first, paged (page, pageSize), each with its leads, feedback given and in time, owed, checked, passed (pass rate), transferred");
        api.MapGet("/leads/batches/template", Template).RequireAuthorization(oem).WithSummary("The batch import template (.xlsx)");
        api.MapPost("/leads/batches", Import).RequireAuthorization(oem).DisableAntiforgery()
            .WithSummary("Import an OEM batch (form: file .xlsx/.csv, batchNumber, arrivedAt, storeId): all or nothing — 400 with every row error in 'rows', or 201 with the batch; each lead due for feedback leads.oemFeedbackHours clock hours after arrivedAt");
        api.MapGet("/leads/batches/{id:long}", Get).RequireAuthorization(oem).WithSummary("One batch's line");
        api.MapGet("/leads/batches/{id:long}/feedback", Feedback).RequireAuthorization(oem).WithSummary("The dealer's feedback in the OEM's layout (.xlsx; mobiles masked; audited)");
        api.MapPost("/leads/{id:long}/oem-check", Check).RequireAuthorization(LeadPermissions.OemCheck.Policy)
            .WithSummary("The OEM's check of the feedback: feedbackTrue (true to the customer's wish), infoAccurate, offered (brochures or an appointment), version");
        api.MapPost("/leads/{id:long}/transfer", Transfer).RequireAuthorization(LeadPermissions.OemCheck.Policy)
            .WithSummary("The OEM takes the lead back: reason (noContact, wrongFeedback, late), note, version; closed as transferred");
        api.MapGet("/leads/reports", Report).RequireAuthorization(LeadPermissions.Reports.Policy)
            .WithSummary("The prospects report of the leads recorded from..to (store dates, default the last 30 days), storeId: the funnel (leads, contacted, visited, test drive, ordered, delivered — a stage counts every lead that reached it or a later one) in total, by source, intent level and consultant; lost reasons and competitors; OEM feedback in time; follow-up compliance; the pool by age");
        return api;
    }

    public static async Task<Results<Ok<LeadReport>, ValidationProblem>> Report(Callbacks.Reports.ReportFilters filters, LeadReports reports, ApiValidator validator,
        string? from = null, string? to = null, int? storeId = null)
    {
        var parsed = await filters.RangeAsync(from, to, storeId);
        if (!parsed.Ok) return validator.Problem(parsed.Errors);
        return TypedResults.Ok(await reports.ReportAsync(parsed.Period));
    }

    public static async Task<Ok<Paged<BatchLine>>> List(LeadBatches batches, int page = 1, int pageSize = 50)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var (items, total) = await batches.PageAsync(page, pageSize);
        return TypedResults.Ok(new Paged<BatchLine>(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<BatchLine>, NotFound>> Get(long id, LeadBatches batches) =>
        (await batches.LinesAsync(id)).FirstOrDefault() is { } b ? TypedResults.Ok(b) : TypedResults.NotFound();

    public static FileContentHttpResult Template(LeadBatchImport import) => TypedResults.File(import.Template(), Spreadsheet.XlsxContentType, "oem-batch-template.xlsx");

    public static async Task<Results<Created<BatchLine>, ProblemHttpResult>> Import(IFormFile file, [FromForm] string? batchNumber, [FromForm] DateTimeOffset? arrivedAt,
        [FromForm] int? storeId, LeadBatchImport import, LeadBatches batches, IStringLocalizer<SharedResource> l)
    {
        if (file.Length > 20 * 1024 * 1024) return TypedResults.Problem(l["Import.TooLarge"], statusCode: StatusCodes.Status400BadRequest, title: l["Problem.Validation"]);
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, new BatchHeader(batchNumber, arrivedAt, storeId));
        if (result.Batch is not { } batch)
            return TypedResults.Problem(l["Import.Failed", result.Errors.Count], statusCode: StatusCodes.Status400BadRequest, title: l["Problem.Validation"],
                extensions: new Dictionary<string, object?> { ["rows"] = result.Errors });
        return TypedResults.Created($"/api/v1/leads/batches/{batch.Id}", (await batches.LinesAsync(batch.Id)).Single());
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Feedback(long id, LeadBatches batches) =>
        await batches.FeedbackAsync(id) is { } xlsx ? TypedResults.File(xlsx, Spreadsheet.XlsxContentType, $"oem-feedback-{id}.xlsx") : TypedResults.NotFound();

    public static async Task<IResult> Check(long id, OemCheckInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.CheckFeedbackAsync(id, input)).ToApiAsync(async x => TypedResults.Ok(await cards.DetailAsync(x)), l);
    }

    public static async Task<IResult> Transfer(long id, TransferInput input, LeadDesk desk, LeadCards cards, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return await (await desk.TransferAsync(id, input)).ToApiAsync(async x => TypedResults.Ok(await cards.DetailAsync(x)), l);
    }
}
