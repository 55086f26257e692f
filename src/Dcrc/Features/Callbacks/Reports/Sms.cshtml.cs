using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>短信发送记录表 (002 表13): the text messages of the range, every reason, with their status and the customer's reply; paged; reading is audited.</summary>
[RequirePermission("callbacks.reports")]
public class SmsModel(ReportFilters filters, CallbackLists lists, ReportExports exports, AuditLog audit, DcrcDb db, StoreScope scope, TimeProvider clock)
    : ReportPage(db, scope, clock)
{
    public Kernel.Api.Paged<CallbackLists.SmsRow> Rows { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        Rows = await lists.SmsAsync(Period, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"sms {Period.Label} store={Period.StoreId} page={PageNumber} → {Rows.Total}", storeId: Period.StoreId);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        return Xlsx(await exports.SmsAsync(Period));
    }
}
