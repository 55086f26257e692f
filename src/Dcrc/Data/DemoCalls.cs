using Dcrc.Kernel.Cases;
using Bogus;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Calls;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// A quarter of the demo store's call desk: some six calls a working day over the last 90 days, across the purposes,
/// most from the store's customers (each also an interaction in their archive), some from new callers; promised
/// call-backs (the past ones called back, today's and the coming ones open in the queue), missed calls (called back,
/// the last ones still open); the reception and the callback specialist on the store's two lines.
/// </summary>
public class DemoCalls(DcrcDb db, StoreCalendars calendars, TimeProvider clock)
{
    private static readonly (CallPurpose Purpose, int Weight, string[] Content, string[] Handling)[] Purposes =
    [
        (CallPurpose.Inquiry, 35, ["咨询首保的时间和里程", "询问新款车型的配置和价格", "咨询保险到期续保的优惠", "询问年审需要准备的材料", "咨询保养套餐的价格", "询问二手车置换政策"],
            ["已告知首保为 5000 公里或 6 个月", "已介绍配置并转销售顾问跟进", "已说明续保流程", "已告知所需材料", "已报价并发送短信", "已转销售部"]),
        (CallPurpose.Appointment, 30, ["预约周六上午保养", "预约下周二钣喷维修", "预约更换轮胎", "预约空调检查", "改约明天下午保养"],
            ["已预约并短信确认", "已安排服务顾问", "已登记工位", "已改约"]),
        (CallPurpose.Complaint, 8, ["保养等待时间太长", "维修后异响仍未解决", "结算费用与报价不符", "服务顾问态度不好"],
            ["已致歉并转售后服务部处理", "已记录并承诺 24 小时内答复", "已转服务经理"]),
        (CallPurpose.Suggestion, 7, ["希望周末延长营业时间", "建议休息区增加充电插座", "希望保养提醒提前一周"],
            ["已感谢并反馈相关部门", "已记录建议"]),
        (CallPurpose.Rescue, 5, ["车辆高速抛锚需要拖车", "蓄电池亏电无法启动", "轮胎爆胎需要救援"],
            ["已联系外出救援，约 40 分钟到达", "已派救援车辆", "已指导更换备胎"]),
        (CallPurpose.Other, 15, ["找销售顾问王先生", "询问门店地址", "发票邮寄地址变更", "打错电话"],
            ["已转接", "已告知地址", "已登记", "已礼貌说明"]),
    ];

    public async Task SeedAsync(Store store, Faker faker, (string Id, string Name) reception, (string Id, string Name) specialist)
    {
        var calendar = await calendars.ForStoreAsync(store.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = StoreTime.DateOf(now, calendar.Zone);
        var prefix = store.Code == "NS" ? "81" : "80";
        db.AgentLines.AddRange(
            new AgentLine { StoreId = store.Id, Line = prefix + "01", UserId = reception.Id, UpdatedAt = now, UpdatedBy = "demo" },
            new AgentLine { StoreId = store.Id, Line = prefix + "02", UserId = specialist.Id, UpdatedAt = now, UpdatedBy = "demo" });
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => c.StoreId == store.Id && c.Mobile != null)
            .Select(c => new { c.Id, c.Name, Mobile = c.Mobile!, Vehicle = db.Vehicles.Where(v => v.CustomerId == c.Id).Select(v => (long?)v.Id).FirstOrDefault() })
            .ToListAsync();
        if (customers.Count == 0) { await db.SaveChangesAsync(); return; } // a store without an archive has no call history either
        var totalWeight = Purposes.Sum(p => p.Weight);
        var calls = new List<CallLog>();
        var interactions = new List<(CallLog Call, Interaction Interaction)>();
        var tasks = new List<(CallLog Call, CallbackTask Task, bool Done)>();

        for (var day = today.AddDays(-89); day <= today; day = day.AddDays(1))
        {
            var periods = calendar.PeriodsOf(day);
            if (periods.Count == 0) continue;
            var count = faker.Random.Int(3, 9);
            for (var i = 0; i < count; i++)
            {
                var period = faker.PickRandom(periods.ToList());
                var minutes = faker.Random.Int(0, (int)(period.To - period.From).TotalMinutes - 1);
                var at = StoreTime.ToUtc(day.ToDateTime(period.From.AddMinutes(minutes)), calendar.Zone);
                if (at > now) continue;
                var known = faker.Random.Int(0, 99) < 70 ? faker.PickRandom(customers) : null;
                var agent = faker.Random.Int(0, 99) < 70 ? reception : specialist;
                var call = new CallLog
                {
                    StoreId = store.Id, At = at, Number = known?.Mobile ?? "13" + faker.Random.Int(5, 9) + faker.Random.Int(10_000_000, 99_999_999),
                    CallerName = known is null ? (faker.Random.Bool() ? faker.Name.LastName() + (faker.Random.Bool() ? "先生" : "女士") : null) : known.Name,
                    Line = agent == reception ? prefix + "01" : prefix + "02", Direction = CallDirection.Inbound, HandledBy = agent.Id, HandledByName = agent.Name,
                    CustomerId = known?.Id, VehicleId = known?.Vehicle, CreatedAt = at,
                };
                calls.Add(call);
                if (faker.Random.Int(0, 99) < 6)
                {
                    // Nobody answered: called back within the missed-call limit, the last ones not yet.
                    call.Missed = true;
                    var due = calendar.Add(at, TimeSpan.FromHours(CallSettings.MissedCallHours.Default));
                    tasks.Add((call, Task(call, CallbackKind.MissedCall, calendar.Add(at, TimeSpan.Zero), due, null, agent.Id), due < now.AddHours(-4)));
                    continue;
                }
                var roll = faker.Random.Int(1, totalWeight);
                var purpose = Purposes.First(p => (roll -= p.Weight) <= 0);
                call.Purpose = purpose.Purpose;
                call.Content = faker.PickRandom(purpose.Content);
                call.Handling = faker.PickRandom(purpose.Handling);
                call.LoggedAt = at.AddMinutes(faker.Random.Int(2, 10));
                if (purpose.Purpose is CallPurpose.Inquiry or CallPurpose.Complaint && faker.Random.Int(0, 99) < 25)
                {
                    // Not answerable at once: a call-back promised for the next working day.
                    var next = CallbackSchedule.WorkingDayAfter(calendar.IsWorkingDay, day, 1);
                    var promised = StoreTime.ToUtc(next.ToDateTime(new TimeOnly(faker.Random.Int(10, 16), faker.PickRandom(0, 30))), calendar.Zone);
                    call.CallbackOwed = true;
                    call.PromisedCallbackAt = promised;
                    call.Handling = "已记录，承诺回电";
                    tasks.Add((call, Task(call, CallbackKind.PromisedCallback, promised, promised, promised, agent.Id), promised < now.AddHours(-2)));
                }
                if (known is not null)
                    interactions.Add((call, new Interaction
                    {
                        StoreId = store.Id, CustomerId = known.Id, VehicleId = known.Vehicle, Channel = InteractionChannel.Call, At = at,
                        Summary = $"来电（{Label(purpose.Purpose)}）：{call.Content}", Outcome = call.Handling, ByUserId = agent.Id, ByName = agent.Name, CreatedAt = at,
                    }));
            }
        }
        db.CallLogs.AddRange(calls);
        db.Interactions.AddRange(interactions.Select(x => x.Interaction));
        await db.SaveChangesAsync();
        foreach (var (call, interaction) in interactions) call.InteractionId = interaction.Id;
        foreach (var (call, task, done) in tasks)
        {
            task.SourceId = call.Id;
            if (!done) continue;
            // Called back: reached at the first try, mostly on time.
            var at = (task.RescheduledTo ?? StoreTime.ToUtc(task.DueBy.ToDateTime(new TimeOnly(10, 0)), calendar.Zone)).AddMinutes(faker.Random.Int(-30, 90));
            if (at > now) at = now.AddMinutes(-5);
            task.Status = CallbackStatus.Completed;
            task.RescheduledTo = null;
            task.LastOutcome = CallbackOutcome.Success;
            task.LastAttemptAt = at;
            task.ClosedAt = at;
            task.ClosedBy = "demo";
        }
        db.CallbackTasks.AddRange(tasks.Select(t => t.Task));
        await db.SaveChangesAsync();
        foreach (var (call, task, done) in tasks)
        {
            call.CallbackTaskId = task.Id;
            if (done) db.CallbackAttempts.Add(new CallbackAttempt { StoreId = store.Id, TaskId = task.Id, At = task.LastAttemptAt!.Value, ByUserId = task.AssignedTo,
                ByName = task.AssignedTo == reception.Id ? reception.Name : specialist.Name, Outcome = CallbackOutcome.Success });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        CallbackTask Task(CallLog call, CallbackKind kind, DateTime opens, DateTime due, DateTime? promised, string assignee) => new()
        {
            StoreId = call.StoreId, Kind = kind, EventDate = StoreTime.DateOf(call.At, calendar.Zone), CustomerId = call.CustomerId ?? 0, VehicleId = call.VehicleId,
            DueOn = StoreTime.DateOf(opens, calendar.Zone), DueBy = StoreTime.DateOf(due, calendar.Zone), Status = CallbackStatus.Open, AssignedTo = assignee,
            RescheduledTo = promised, CreatedAt = call.At,
        };
    }

    private static string Label(CallPurpose p) => p switch
    {
        CallPurpose.Inquiry => "咨询", CallPurpose.Appointment => "预约", CallPurpose.Complaint => "投诉", CallPurpose.Suggestion => "建议", CallPurpose.Rescue => "救援", _ => "其他",
    };
}
