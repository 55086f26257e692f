using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>回访不成功明细表 (002 表3): every failed call attempt of the range, latest first, paged; reading it is audited.</summary>
[RequirePermission("callbacks.reports")]
public class FailuresModel(ReportFilters filters, CallbackLists lists, ReportExports exports, AuditLog audit, DcrcDb db, StoreScope scope, TimeProvider clock)
    : ReportPage(db, scope, clock)
{
    public Kernel.Api.Paged<CallbackLists.FailureRow> Rows { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        Rows = await lists.FailuresAsync(Period, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"failures {Period.Label} store={Period.StoreId} page={PageNumber} → {Rows.Total}", storeId: Period.StoreId);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        return Xlsx(await exports.FailuresAsync(Period));
    }
}
