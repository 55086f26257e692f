using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary><c>/api/v1/callbacks/reports</c> (SPEC §9) and the correction of an invalid number (表4).</summary>
public static class CallbackReportsApi
{
    public sealed record SatisfactionDto(string Table, DateOnly From, DateOnly To, int? StoreId, Satisfaction.Limits Bands,
        IReadOnlyList<SatisfactionLine> Lines, SatisfactionLine Total);

    public sealed record TrendDto(DateOnly From, DateOnly To, int? StoreId, TrendUnit Unit, IReadOnlyList<TrendPoint> Points,
        Accuracy OwnerConfirmation, Coverage Coverage);

    public static RouteGroupBuilder MapCallbackReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/callbacks/reports").RequireAuthorization(CallbackPermissions.Reports.Policy);
        const string range = "from/to: yyyy-MM-dd, store dates, at most 366 days (default this month); storeId narrows to one store";
        reports.MapGet("satisfaction", Satisfaction)
            .WithSummary($"表7 (table=consultant) or 表8 (table=advisor | team): deliveries or repair orders of the range and how their survey ended, per person or team, with the total; {range}");
        reports.MapGet("daily", Daily)
            .WithSummary("The daily callback report (日回访报表) of date (default today): per specialist calls, reached, rescheduled, failed, invalid numbers, SMS surveys; per kind due, completed, open, overdue");
        reports.MapGet("failures", Failures)
            .WithSummary($"表3: the failed call attempts of the range, latest first, mobiles masked; page, pageSize; reading is audited; {range}");
        reports.MapGet("invalid", Invalid)
            .WithSummary("表4: tasks whose number proved wrong or empty (uncorrected first) with what was found since; from/to (optional) on the attempt; page, pageSize; reading is audited");
        reports.MapGet("sms", Sms)
            .WithSummary($"表13: the text messages of the range (every reason) with their status and the customer's reply; page, pageSize; reading is audited; {range}");
        reports.MapGet("trend", Trend)
            .WithSummary("Surveys per week (per month over 92 days) by band with the success rate, the owner-confirmation accuracy and the 30-day coverage; from/to default the last 12 weeks; table narrows to sales or service");
        api.MapPost("/callbacks/tasks/{id:long}/correct-number", Correct).RequireAuthorization(CallbackPermissions.Work.Policy)
            .WithSummary("While a task is invalid (表4): the right mobile (and name, other phone) — the archive is updated with its history, the task opens again (needs customers.write too)");
        return api;
    }

    private static (int Page, int PageSize) Paging(int page, int pageSize) => (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));

    public static async Task<Results<Ok<SatisfactionDto>, ValidationProblem>> Satisfaction(ReportFilters filters, CallbackReports reports, ApiValidator validator,
        IStringLocalizer<SharedResource> l, string? table = null, string? from = null, string? to = null, int? storeId = null)
    {
        var parsed = await filters.RangeAsync(from, to, storeId);
        var errors = parsed.Errors;
        if (!ReportTables.TryTable(table, out var per)) errors["table"] = [l["Validation.InvalidValue", l["Field.ReportTable"]]];
        if (errors.Count > 0) return validator.Problem(errors);
        var p = parsed.Period;
        var lines = await reports.SatisfactionAsync(per, p.From, p.To, p.StoreId);
        return TypedResults.Ok(new SatisfactionDto(ReportTables.TableName(per), p.From, p.To, p.StoreId, await reports.LimitsAsync(p.StoreId), lines,
            SatisfactionLine.Total("", lines)));
    }

    public static async Task<Results<Ok<CallbackLists.Daily>, ValidationProblem>> Daily(ReportFilters filters, CallbackLists lists, ApiValidator validator,
        string? date = null, int? storeId = null)
    {
        var parsed = await filters.DayAsync(date, storeId);
        if (!parsed.Ok) return validator.Problem(parsed.Errors);
        return TypedResults.Ok(await lists.DailyAsync(parsed.Period));
    }

    public static async Task<Results<Ok<Paged<CallbackLists.FailureRow>>, ValidationProblem>> Failures(ReportFilters filters, CallbackLists lists, AuditLog audit,
        ApiValidator validator, string? from = null, string? to = null, int? storeId = null, int page = 1, int pageSize = 50)
    {
        var parsed = await filters.RangeAsync(from, to, storeId);
        if (!parsed.Ok) return validator.Problem(parsed.Errors);
        (page, pageSize) = Paging(page, pageSize);
        var rows = await lists.FailuresAsync(parsed.Period, page, pageSize);
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"failures {parsed.Period.Label} store={storeId} page={page} → {rows.Total}", storeId: storeId);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<Paged<CallbackLists.InvalidRow>>, ValidationProblem>> Invalid(ReportFilters filters, CallbackLists lists, AuditLog audit,
        ApiValidator validator, string? from = null, string? to = null, int? storeId = null, int page = 1, int pageSize = 50)
    {
        var parsed = await filters.RangeAsync(from, to, storeId);
        if (!parsed.Ok) return validator.Problem(parsed.Errors);
        (page, pageSize) = Paging(page, pageSize);
        var range = parsed.DatesGiven ? parsed.Period : null;
        var rows = await lists.InvalidAsync(range, parsed.Period.StoreId, page, pageSize);
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"invalid {range?.Label ?? "all dates"} store={storeId} page={page} → {rows.Total}", storeId: storeId);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<Paged<CallbackLists.SmsRow>>, ValidationProblem>> Sms(ReportFilters filters, CallbackLists lists, AuditLog audit,
        ApiValidator validator, string? from = null, string? to = null, int? storeId = null, int page = 1, int pageSize = 50)
    {
        var parsed = await filters.RangeAsync(from, to, storeId);
        if (!parsed.Ok) return validator.Problem(parsed.Errors);
        (page, pageSize) = Paging(page, pageSize);
        var rows = await lists.SmsAsync(parsed.Period, page, pageSize);
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"sms {parsed.Period.Label} store={storeId} page={page} → {rows.Total}", storeId: storeId);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<TrendDto>, ValidationProblem>> Trend(ReportFilters filters, CallbackReports reports, ApiValidator validator,
        IStringLocalizer<SharedResource> l, string? from = null, string? to = null, int? storeId = null, string? table = null)
    {
        var parsed = await filters.WeeksAsync(from, to, storeId, TrendWeeks);
        var errors = parsed.Errors;
        SatisfactionBy? per = null;
        if (!string.IsNullOrWhiteSpace(table))
        {
            if (ReportTables.TryTable(table, out var t)) per = t;
            else errors["table"] = [l["Validation.InvalidValue", l["Field.ReportTable"]]];
        }
        if (errors.Count > 0) return validator.Problem(errors);
        var p = parsed.Period;
        var trend = await reports.TrendAsync(p.From, p.To, p.StoreId, per);
        return TypedResults.Ok(new TrendDto(p.From, p.To, p.StoreId, trend.Unit, trend.Points, await reports.OwnerAccuracyAsync(p.From, p.To, p.StoreId),
            await reports.CoverageAsync(p.Today, storeId: p.StoreId)));
    }

    /// <summary>The trend's default: the last twelve weeks.</summary>
    public const int TrendWeeks = 12;

    public static async Task<IResult> Correct(long id, CorrectNumberInput input, NumberCorrections corrections, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        return (await corrections.CorrectAsync(id, input)).ToApi(t => TypedResults.Ok(CallbacksApi.ToDto(t)), l);
    }
}
