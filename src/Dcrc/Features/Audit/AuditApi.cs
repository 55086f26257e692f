using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dcrc.Features.Audit;

public static class AuditApi
{
    public sealed record EntryDto(long Id, DateTime At, string? UserName, int? StoreId, string Action, string? EntityType, string? EntityId, string Summary, string? ClientAddress, string Hash);
    public sealed record Page(IReadOnlyList<EntryDto> Items, int PageNumber, int PageSize, int Total);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(AuditPermissions.Read.Policy);
        audit.MapGet("", List).WithSummary("Audit entries, newest first (audit administrator only)");
        audit.MapGet("/verify", Verify).WithSummary("Verify the audit log: the hash chain and its dense ids, the protective triggers, and the head against the signed checkpoints kept outside the database");
        return api;
    }

    public static async Task<Ok<Page>> List(DcrcDb db, AuditLog audit, AuditQueue queue, DateOnly? from, DateOnly? to, string? user, string? action, string? entity, int page = 1, int pageSize = 50)
    {
        var filter = new AuditFilter { From = from, To = to, User = user, Action = action, Entity = entity, Page = page, PageSize = pageSize };
        await queue.FlushAsync(); // the reads of a moment ago are listed too
        var (items, total) = await filter.PageAsync(db, StoreTime.GroupZone);
        await audit.WriteAsync(AuditActions.AuditRead, "api " + filter.Describe());
        return TypedResults.Ok(new Page(items.Select(e => new EntryDto(e.Id, e.At, e.UserName, e.StoreId, e.Action, e.EntityType, e.EntityId, e.Summary, e.ClientAddress, e.Hash)).ToList(),
            filter.Page, filter.PageSize, total));
    }

    public sealed record ProblemDto(string Code, long? Id, long? Other, string Message);
    public sealed record VerifyDto(bool Intact, long Checked, long? FirstBrokenId, long LastId, string? LastHash,
        IReadOnlyList<ProblemDto> Problems, AuditCheckpoints.Checkpoint? LatestCheckpoint);

    public static async Task<Ok<VerifyDto>> Verify(DcrcDb db, AuditLog audit, AuditKey key, AuditQueue queue, AuditCheckpoints checkpoints,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        await queue.FlushAsync();
        var r = await AuditIntegrity.CheckAsync(db, key, checkpoints);
        await audit.WriteAsync(AuditActions.AuditVerified, AuditIntegrity.Describe(r));
        return TypedResults.Ok(new VerifyDto(r.Intact, r.Checked, r.FirstBrokenId, r.LastId, r.LastHash,
            r.Problems.Select(p => new ProblemDto(p.Code, p.Id, p.Other, l["Audit.Problem." + p.Code, p.Id ?? 0, p.Other ?? 0])).ToList(), r.LatestCheckpoint));
    }
}
