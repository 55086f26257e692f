using Dcrc.Kernel.Cases;
using Bogus;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// A quarter of complaint cases per store in every state: most closed and followed up, some handled late (their
/// breaches are recorded by the limits job on its first run), one reopened, one explained as not valid, and a few
/// open with the department or waiting on approval.
/// </summary>
public class DemoComplaints(DcrcDb db, TimeProvider clock)
{
    private static readonly (ComplaintCategory Category, string What, string Ask, string Solution, string Result)[] Stories =
    [
        (ComplaintCategory.ServiceQuality, "保养后发动机有异响，服务顾问说正常", "免费检查并给出说法", "免费检查皮带及支架", "更换皮带，试车无异响"),
        (ComplaintCategory.ServiceQuality, "预约保养到店后等待超过两小时", "希望道歉并改进预约", "当面致歉，赠送一次免费洗车", "调整预约时段，增加快保工位"),
        (ComplaintCategory.ProductQuality, "新车中控屏频繁黑屏", "要求更换中控屏", "申请厂家索赔更换", "已更换中控总成，使用正常"),
        (ComplaintCategory.PurchaseConditions, "购车时承诺的贴膜未兑现", "补贴膜或折现", "补做全车贴膜", "已补做贴膜，客户确认"),
        (ComplaintCategory.UnmetExpectation, "维修报价与结算金额不符", "按报价结算并退差价", "核对工单，退还差价", "已退差价 320 元"),
        (ComplaintCategory.ProductQuality, "雨天天窗漏水", "彻底修好并补偿", "清理排水管并更换密封条", "淋水测试无渗漏"),
    ];

    public async Task SeedAsync(Store store, Faker faker, string receptionId, string receptionName, IReadOnlyList<(string Id, string Name, int? Department)> responsible)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => c.StoreId == store.Id && c.Mobile != null).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Mobile, Vehicle = db.Vehicles.Where(v => v.CustomerId == c.Id).Select(v => (long?)v.Id).FirstOrDefault() })
            .Take(400).ToListAsync();
        if (customers.Count == 0 || responsible.Count == 0) return;
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < 24; i++)
        {
            var who = faker.PickRandom(customers);
            var story = faker.PickRandom(Stories);
            var staff = responsible[faker.Random.Int(0, responsible.Count - 1)];
            // The last few are recent and still open; the first ones are a quarter back.
            var received = now.AddDays(-faker.Random.Double(i < 18 ? 8 : 0.05, i < 18 ? 90 : 3)).AddMinutes(-faker.Random.Int(0, 600));
            var late = faker.Random.Int(0, 99) < 20;
            var c = new Complaint
            {
                StoreId = store.Id, Channel = faker.PickRandom<ComplaintChannel>(), ReceivedAt = received, ReceivedBy = receptionId, ReceivedByName = receptionName,
                CustomerId = who.Id, VehicleId = who.Vehicle, ContactName = who.Name, ContactPhone = who.Mobile, Category = story.Category,
                Severity = faker.PickRandom<ComplaintSeverity>(), Emergency = faker.Random.Int(0, 99) < 10, Description = story.What, Request = story.Ask,
                CustomerComplaintNumber = counts[who.Id] = counts.GetValueOrDefault(who.Id) + 1, State = ComplaintState.Received, UpdatedAt = received,
            };
            db.Complaints.Add(c);
            await db.SaveChangesAsync();
            var at = received;
            void Event(ComplaintAction? action, ComplaintState to, string? by, string? note = null, TimeSpan? after = null)
            {
                at += after ?? TimeSpan.FromMinutes(faker.Random.Int(5, 25));
                if (at > now) at = now;
                db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = at, Action = action, From = action is null ? null : c.State, To = to, ByName = by, Note = note });
                c.State = to;
                c.UpdatedAt = at;
            }
            void Limit(ComplaintLimit limit, LimitEventKind kind, int round = 0) =>
                db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = limit, Kind = kind, At = at, Round = round });

            Event(null, ComplaintState.Received, receptionName, story.Ask, TimeSpan.Zero);
            Limit(ComplaintLimit.Dispatch, LimitEventKind.Started);
            if (i == 5)
            {
                Event(ComplaintAction.JudgeInvalid, ComplaintState.Explained, receptionName, "经核实属正常使用现象，已向客户解释");
                c.CustomerOpinion = "理解，接受解释";
                c.ClosingSummary = "经核实属正常使用现象，已向客户解释";
                c.ClosedAt = at;
                Limit(ComplaintLimit.Dispatch, LimitEventKind.Cancelled);
                continue;
            }
            Event(ComplaintAction.JudgeValid, ComplaintState.Valid, receptionName);
            Event(ComplaintAction.Dispatch, ComplaintState.Dispatched, receptionName, null, late ? TimeSpan.FromHours(faker.Random.Int(2, 6)) : null);
            c.DepartmentId = staff.Department;
            c.ResponsibleUserId = staff.Id;
            c.ResponsibleName = staff.Name;
            Limit(ComplaintLimit.Dispatch, LimitEventKind.Met);
            Limit(ComplaintLimit.Proposal, LimitEventKind.Started);
            Limit(ComplaintLimit.Result, LimitEventKind.Started);
            if (i >= 21) continue; // with the department now
            Event(ComplaintAction.Propose, ComplaintState.Proposed, staff.Name, null, TimeSpan.FromHours(faker.Random.Int(1, late ? 40 : 20)));
            c.Solution = story.Solution;
            c.Compensation = i % 7 == 3 ? CompensationType.Compensation : CompensationType.None;
            c.CompensationAmount = c.Compensation == CompensationType.None ? null : i == 10 ? 5000 : 800;
            Limit(ComplaintLimit.Proposal, LimitEventKind.Met);
            Event(ComplaintAction.ReportResult, ComplaintState.Resulted, staff.Name, null, TimeSpan.FromHours(faker.Random.Int(2, late ? 60 : 20)));
            c.Result = story.Result;
            c.Cause = "经检查确认";
            Limit(ComplaintLimit.Result, LimitEventKind.Met);
            if (i == 18) continue; // awaiting the manager's approval
            Event(ComplaintAction.Approve, (c.CompensationAmount ?? 0) > 2000 ? ComplaintState.AwaitingGm : ComplaintState.Approved, "部门经理");
            if (c.State == ComplaintState.AwaitingGm) continue;
            Event(ComplaintAction.Accept, ComplaintState.Accepted, receptionName);
            c.CustomerOpinion = "接受处理结果";
            if (i == 19) continue; // to be closed
            Event(ComplaintAction.Close, ComplaintState.Closed, receptionName);
            c.ClosingSummary = "客户接受处理结果，结案";
            c.ClosedAt = at;
            Limit(ComplaintLimit.FollowUp, LimitEventKind.Started);
            if (i == 20) continue; // follow-up due
            Event(ComplaintAction.FollowUp, ComplaintState.FollowedUp, receptionName, "三日后回访，客户满意", TimeSpan.FromHours(faker.Random.Int(20, 50)));
            c.FollowUpNote = "三日后回访，客户满意";
            Limit(ComplaintLimit.FollowUp, LimitEventKind.Met);
            if (i == 7)
            {
                // Reopened: the noise came back; with the department again.
                Event(ComplaintAction.Reopen, ComplaintState.Dispatched, receptionName, "客户反映问题复发");
                c.Reopened = 1;
                c.ClosedAt = null;
                Limit(ComplaintLimit.Proposal, LimitEventKind.Started, 1);
                Limit(ComplaintLimit.Result, LimitEventKind.Started, 1);
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
