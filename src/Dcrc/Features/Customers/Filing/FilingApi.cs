using System.ComponentModel.DataAnnotations;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Filing;

/// <summary><c>/api/v1/archive</c>: document hand-overs and the weekly archive check (表14).</summary>
public static class FilingApi
{
    public sealed record HandoverDto(long TransactionId, int StoreId, TransactionKind Kind, string Number, DateOnly Date, long CustomerId, string? CustomerName,
        string ArchiveNumber, string? StaffName, DateOnly DueOn, bool Late, int DaysLate, DateTime? ReceivedAt, string? ReceivedBy);
    public sealed record HandoverPage(IReadOnlyList<HandoverDto> Items, int Page, int PageSize, int Total, int Outstanding, int Late);
    public sealed record CheckLineDto(long Id, int No, TransactionKind Kind, long TransactionId, string Number, DateOnly? Date, long CustomerId, string? CustomerName,
        string ArchiveNumber, string? StaffName, CheckResult Result, string? Description, string? Responsible, string? Measure, string? CheckedBy,
        DateTime? CheckedAt, int Version);
    public sealed record CheckWeekDto(int StoreId, DateOnly WeekStart, DateOnly WeekEnd, bool Sampled, IReadOnlyList<CheckLineDto> Lines);
    public sealed record CheckUpdate(
        [property: Display(Name = "Filing.Result")] CheckResult? Result,
        [property: Display(Name = "Filing.Description")] string? Description,
        [property: Display(Name = "Filing.Responsible")] string? Responsible,
        [property: Display(Name = "Filing.Measure")] string? Measure,
        [property: Display(Name = "Filing.Version")] int? Version);

    public static RouteGroupBuilder MapFilingApi(this RouteGroupBuilder api)
    {
        var archive = api.MapGroup("/archive").RequireAuthorization(FilingPermissions.Filing.Policy);
        archive.MapGet("handovers", Handovers)
            .WithSummary("Document hand-overs to DCRC: outstanding (view=outstanding, oldest due first; late=true for the late ones) or received in the last 90 days (view=received, newest first); q: number prefix");
        archive.MapPost("handovers/{transactionId:long}/received", Received).RequireAuthorization(FilingPermissions.Record.Policy)
            .WithSummary("The transaction's documents reached DCRC: records time and user (audited); 409 when already received");
        archive.MapGet("handovers/export", ExportHandovers).WithSummary("The hand-over list as .xlsx (exporter and time in the file; audited)");
        archive.MapGet("checks", Checks).WithSummary("The weekly archive check (表14) of a week (any day of it, yyyy-MM-dd; default this week) and store");
        archive.MapPost("checks/sample", Sample).RequireAuthorization(FilingPermissions.Record.Policy)
            .WithSummary("Draws the week's sample (201); once per store and week: 200 with the existing lines when already drawn; 400 for a future week");
        archive.MapPut("checks/{id:long}", Update).RequireAuthorization(FilingPermissions.Record.Policy)
            .WithSummary("Saves a line: result normal/abnormal (abnormal needs a description), person responsible, measure, with the version read (409 if changed meanwhile)");
        archive.MapGet("checks/export", ExportChecks).WithSummary("The week's check as .xlsx laid out as 表14 (exporter and time in the file; audited)");
        return api;
    }

    private static HandoverDto ToDto(DocumentHandovers.Row r) => new(r.TransactionId, r.StoreId, r.Kind, r.Number, r.Date, r.CustomerId, r.CustomerName, r.ArchiveNumber,
        r.StaffName, r.DueOn, r.Late, r.DaysLate, r.ReceivedAt, r.ReceivedBy);

    private static CheckLineDto ToDto(ArchiveAudit.Line x) => new(x.Id, x.No, x.Kind, x.TransactionId, x.Number, x.Date, x.CustomerId, x.CustomerName, x.ArchiveNumber,
        x.StaffName, x.Result, x.Description, x.Responsible, x.Measure, x.CheckedBy, x.CheckedAt, x.Version);

    private static CheckWeekDto ToDto(ArchiveAudit.Week w) => new(w.Store.Id, w.WeekStart, w.WeekEnd, w.Sampled, w.Lines.Select(ToDto).ToList());

    private static bool TryView(string? text, out HandoverView view)
    {
        view = HandoverView.Outstanding;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text, ignoreCase: true, out view) && Enum.IsDefined(view) && !int.TryParse(text, out _);
    }

    public static async Task<Results<Ok<HandoverPage>, ValidationProblem>> Handovers(string? view, bool? late, string? q, DocumentHandovers handovers, ApiValidator validator,
        IStringLocalizer<SharedResource> l, int page = 1, int pageSize = 20)
    {
        if (!TryView(view, out var v)) return validator.Problem("view", l["Validation.InvalidValue", l["Filing.ViewParam"]]);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 100));
        var listing = await handovers.ListAsync(v, late == true, q, page, pageSize);
        return TypedResults.Ok(new HandoverPage(listing.Rows.Select(ToDto).ToList(), page, pageSize, listing.Total, listing.Outstanding, listing.Late));
    }

    public static async Task<Results<Ok<HandoverDto>, NotFound, ProblemHttpResult>> Received(long transactionId, DocumentHandovers handovers, IStringLocalizer<SharedResource> l)
    {
        var (result, row) = await handovers.ReceiveAsync(transactionId);
        return result switch
        {
            DocumentHandovers.ReceiveResult.NotFound => TypedResults.NotFound(),
            DocumentHandovers.ReceiveResult.AlreadyReceived => TypedResults.Problem(l["Filing.AlreadyReceived", row!.Number, row.ReceivedBy ?? ""],
                statusCode: StatusCodes.Status409Conflict, title: l["Problem.Duplicate"]),
            _ => TypedResults.Ok(ToDto(row!)),
        };
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportHandovers(string? view, bool? late, string? q, DocumentHandovers handovers,
        ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (!TryView(view, out var v)) return validator.Problem("view", l["Validation.InvalidValue", l["Filing.ViewParam"]]);
        return TypedResults.File((await handovers.ExportAsync(v, late == true, q)).File, Kernel.Excel.Spreadsheet.XlsxContentType, "handovers.xlsx");
    }

    /// <summary>The store and week asked for, or the localised errors of the query.</summary>
    private static async Task<(StoreDay? Store, DateOnly Week, ValidationProblem? Problem)> WeekOfAsync(string? week, int? storeId, ArchiveAudit checks,
        ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var store = await checks.StoreAsync(storeId);
        if (store is null)
            return (null, default, validator.Problem("storeId", storeId is null ? l["Validation.Required", l["Field.Store"]] : l["Validation.InvalidValue", l["Field.Store"]]));
        if (string.IsNullOrWhiteSpace(week)) return (store, ArchiveAudit.CurrentWeek(store), null);
        if (!AuditWeek.TryParse(week, out var start)) return (null, default, validator.Problem("week", l["Filing.WeekFormat", l["Filing.Week"]]));
        return (store, start, null);
    }

    public static async Task<Results<Ok<CheckWeekDto>, ValidationProblem>> Checks(string? week, int? storeId, ArchiveAudit checks, ApiValidator validator,
        IStringLocalizer<SharedResource> l)
    {
        var (store, start, problem) = await WeekOfAsync(week, storeId, checks, validator, l);
        if (problem != null) return problem;
        return TypedResults.Ok(ToDto(await checks.WeekAsync(store!, start)));
    }

    public static async Task<Results<Created<CheckWeekDto>, Ok<CheckWeekDto>, ValidationProblem>> Sample(string? week, int? storeId, ArchiveAudit checks,
        ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        var (store, start, problem) = await WeekOfAsync(week, storeId, checks, validator, l);
        if (problem != null) return problem;
        var (result, w) = await checks.SampleAsync(store!, start);
        return result switch
        {
            ArchiveAudit.SampleResult.Drawn => TypedResults.Created($"/api/v1/archive/checks?week={AuditWeek.Format(w.WeekStart)}&storeId={w.Store.Id}", ToDto(w)),
            ArchiveAudit.SampleResult.FutureWeek => validator.Problem("week", l["Filing.FutureWeek"]),
            _ => TypedResults.Ok(ToDto(w)),
        };
    }

    public static async Task<Results<Ok<CheckLineDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id, CheckUpdate input, ArchiveAudit checks,
        ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (validator.Validate(input) is { Count: > 0 } invalid) return validator.Problem(invalid);
        var saved = await checks.SaveAsync(id, new(input.Result, input.Description, input.Responsible, input.Measure, input.Version));
        return saved.Status switch
        {
            WriteStatus.Saved => TypedResults.Ok(ToDto(saved.Value!)),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Invalid => validator.Problem(saved.Errors.ToDictionary()),
            _ => TypedResults.Problem(l["Validation.Concurrency"], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Conflict"]),
        };
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportChecks(string? week, int? storeId, ArchiveAudit checks, ApiValidator validator,
        IStringLocalizer<SharedResource> l)
    {
        var (store, start, problem) = await WeekOfAsync(week, storeId, checks, validator, l);
        if (problem != null) return problem;
        return TypedResults.File(await checks.ExportAsync(store!, start), Kernel.Excel.Spreadsheet.XlsxContentType, $"archive-check-{AuditWeek.Format(start)}.xlsx");
    }
}
