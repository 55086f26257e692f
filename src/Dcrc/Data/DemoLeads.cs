using Bogus;
using Dcrc.Features.Leads;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// Three months of leads per store in every state — followed (due today, overdue, later), new walk-ins not yet called,
/// in the pool, waiting for the 战败 approval, lost (some kept for campaigns), unreachable after three failed slots,
/// ordered — a few of owners of archive customers, and an OEM batch of yesterday with most feedback in time, some late,
/// one still owed (the clocks job flags it on its first run) and one the OEM took back. Its own random seed, so the other demo data stay as they were.
/// </summary>
public class DemoLeads(DcrcDb db, TimeProvider clock)
{
    private static readonly string[] Series = ["福克斯", "蒙迪欧", "锐际", "探险者", "领睿", "领裕", "福睿斯"];
    private static readonly string[] Needs = ["家用为主，周末带孩子出游", "上下班代步，看重油耗", "想换一台空间大的七座车", "关注智能驾驶配置", "预算有限，考虑贷款", "置换旧车，想了解置换补贴"];
    private static readonly string[] Remarks = ["客户表示周末来店看车", "已发送车型资料和报价", "在对比竞品，需再跟进", "关注优惠政策", "家人意见未统一"];
    private static readonly string[] GuangzhouDistricts = ["天河区", "海珠区", "越秀区", "白云区", "番禺区", "黄埔区"];
    private static readonly string[] ShenzhenDistricts = ["南山区", "福田区", "宝安区", "罗湖区", "龙华区", "龙岗区"];
    private static readonly string[] Competitors = ["丰田", "大众", "本田", "比亚迪"];

    public sealed record Staff(string Id, string Name, int? DepartmentId);

    public async Task SeedAsync(Store store, Staff reception, IReadOnlyList<Staff> consultants, int count = 120)
    {
        if (consultants.Count == 0) return;
        var faker = new Faker("zh_CN") { Random = new Randomizer(20261204 + store.Id) };
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = StoreTime.Zone(store.TimeZone);
        var today = StoreTime.DateOf(now, zone);
        var owners = await db.Customers.IgnoreQueryFilters().Where(c => c.StoreId == store.Id && c.Mobile != null).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Mobile }).Take(8).ToListAsync();
        var used = new HashSet<string>(await db.Customers.IgnoreQueryFilters().Where(c => c.StoreId == store.Id && c.Mobile != null).Select(c => c.Mobile!).ToListAsync());
        string NewMobile()
        {
            string m;
            do m = "1" + faker.PickRandom('3', '5', '7', '8', '9') + faker.Random.ReplaceNumbers("#########"); while (!used.Add(m));
            return m;
        }

        for (var i = 0; i < count; i++)
        {
            // i < 10: owners' and new walk-ins of the last days; the rest spread over the quarter.
            var state = (i % 20) switch { < 9 => LeadState.Following, 9 => LeadState.Pool, 10 => LeadState.Pool, 11 => LeadState.LostPending,
                12 or 13 => LeadState.Lost, 14 => LeadState.Unreachable, 15 or 16 or 17 => LeadState.Ordered, _ => i < 40 ? LeadState.New : LeadState.Following };
            var created = state == LeadState.New ? now.AddHours(-faker.Random.Double(0.2, 1.5)) : now.AddDays(-faker.Random.Double(state == LeadState.Following ? 1 : 10, 90));
            var owner = i < owners.Count && state == LeadState.Following ? owners[i] : null;
            var staff = consultants[i % consultants.Count];
            var lead = new Lead
            {
                StoreId = store.Id, Name = owner?.Name ?? faker.Name.LastName() + faker.PickRandom("先生", "女士"), Gender = faker.PickRandom(Gender.Male, Gender.Female),
                Region = faker.PickRandom(store.Code == "TH" ? GuangzhouDistricts : ShenzhenDistricts), Series = faker.PickRandom(Series), IntentLevel = faker.PickRandom("H", "A", "A", "B", "B", "C"),
                Budget = faker.PickRandom("10-15万", "15-20万", "20-30万", "30万以上"), PurchaseTiming = faker.PickRandom<PurchaseTiming>(), Payment = faker.PickRandom<PaymentMethod>(),
                CompetingBrands = faker.Random.Bool(0.4f) ? faker.PickRandom(Competitors) : null, TradeIn = faker.Random.Bool(0.25f), Needs = faker.PickRandom(Needs),
                Source = faker.PickRandom(LeadSource.Walkin, LeadSource.Walkin, LeadSource.Phone, LeadSource.Online, LeadSource.Exhibition, LeadSource.Referral),
                State = state, CreatedAt = created, UpdatedAt = created, CreatedBy = reception.Name, CustomerId = owner?.Id,
            };
            lead.SetMobile(owner?.Mobile ?? NewMobile());
            if (lead.Source == LeadSource.Walkin) (lead.VisitAt, lead.VisitMinutes, lead.VisitedAt) = (created, faker.Random.Int(20, 120), created);
            if (state != LeadState.New) (lead.ConsultantUserId, lead.ConsultantName, lead.LastConsultantName, lead.ConsultantDepartmentId, lead.AssignedAt) = (staff.Id, staff.Name, staff.Name, staff.DepartmentId, created);
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            Event(lead, LeadEventKind.Created, created, reception.Name, null);
            if (state == LeadState.New) { (lead.NextFollowUpOn, lead.NextClockAt) = (today, now); Limit(lead, LeadLimit.FirstContact, 0, LimitEventKind.Started, created); continue; }
            Event(lead, LeadEventKind.Assigned, created, reception.Name, staff.Name);
            Limit(lead, LeadLimit.FirstContact, 0, LimitEventKind.Started, created);

            // The calls: the unreachable lead's three failed slots; the others one to four calls, the first within the hour.
            var at = created.AddMinutes(faker.Random.Int(10, 60));
            var calls = state == LeadState.Unreachable ? 4 : faker.Random.Int(1, 4);
            for (var n = 0; n < calls && at < now; n++)
            {
                var result = state == LeadState.Unreachable ? (n < 3 ? LeadFeedback.NoAnswer : LeadFeedback.Unreachable)
                    : state == LeadState.Ordered && n == calls - 1 ? LeadFeedback.Ordered : faker.PickRandom(LeadFeedback.Considering, LeadFeedback.Considering, LeadFeedback.VisitBooked, LeadFeedback.NoAnswer);
                var local = StoreTime.ToLocal(at, zone);
                // Keep the calls inside the day's slots (09:00–21:00) and after the lead was recorded; the unreachable lead's in three different ones.
                var day = local.Hour >= 20 ? local.Date.AddDays(1) : local.Date;
                var hour = state == LeadState.Unreachable ? new[] { 10, 15, 19, 20 }[n] : local.Hour >= 20 || local.Hour < 9 ? 10 : local.Hour;
                at = StoreTime.ToUtc(day.AddHours(hour).AddMinutes(local.Minute), zone);
                if (at > now) break;
                var slot = hour < 12 ? 0 : hour < 18 ? 1 : 2;
                var next = result == LeadFeedback.Unreachable ? (DateOnly?)null : StoreTime.DateOf(at, zone).AddDays(LeadRules.IsFailure(result) ? 1 : lead.IntentLevel switch { "H" => 1, "A" => 3, "B" => 7, _ => 15 });
                var remark = result == LeadFeedback.Unreachable ? "三个时段均无人接听" : LeadRules.IsFailure(result) ? null : faker.PickRandom(Remarks);
                db.LeadAttempts.Add(new LeadAttempt { StoreId = store.Id, LeadId = lead.Id, At = at, Slot = slot, Result = result, ByUserId = staff.Id, ConsultantName = staff.Name,
                    NextFollowUpOn = next, Remark = remark });
                Event(lead, LeadEventKind.Attempt, at, staff.Name, remark);
                if (n == 0) Limit(lead, LeadLimit.FirstContact, 0, LimitEventKind.Met, at);
                if (!LeadRules.IsFailure(result)) lead.ContactedAt ??= at;
                if (result == LeadFeedback.VisitBooked) lead.VisitedAt ??= at.AddDays(2) < now ? at.AddDays(2) : null;
                (lead.Attempts, lead.LastFollowUpAt, lead.NextFollowUpOn) = (lead.Attempts + 1, at, next);
                at = at.AddDays(state == LeadState.Unreachable ? 0 : faker.Random.Int(1, 8)).AddHours(state == LeadState.Unreachable ? 5 : 0);
            }
            var end = lead.LastFollowUpAt ?? created;
            switch (state)
            {
                case LeadState.Following:
                    // Spread the follow-ups: some overdue, some today, most later.
                    lead.NextFollowUpOn = i % 9 == 0 ? today.AddDays(-1) : i % 4 == 0 ? today : lead.NextFollowUpOn is { } d && d > today ? d : today.AddDays(faker.Random.Int(1, 6));
                    lead.NextClockAt = now;
                    Limit(lead, LeadLimit.FollowUp, lead.Attempts, LimitEventKind.Started, end);
                    break;
                case LeadState.Pool:
                    (lead.PoolSince, lead.ConsultantUserId, lead.ConsultantName, lead.NextFollowUpOn) = (end.AddDays(5) < now ? end.AddDays(5) : now, null, null, null);
                    Event(lead, LeadEventKind.ToPool, lead.PoolSince.Value, null, staff.Name);
                    break;
                case LeadState.LostPending or LeadState.Lost:
                    var reason = faker.PickRandom<LostReason>();
                    (lead.LostReason, lead.LostCompetitor, lead.LostNote, lead.KeepsInterest, lead.LostRequestedBy) =
                        (reason, reason == LostReason.Competitor ? faker.PickRandom(Competitors) : null, reason == LostReason.Other ? "家里暂时不需要换车" : null, i % 3 == 0, staff.Id);
                    Event(lead, LeadEventKind.LostRequested, end.AddHours(1), staff.Name, null);
                    if (state == LeadState.Lost)
                    {
                        (lead.ClosedAt, lead.LostApprovedBy, lead.NextFollowUpOn) = (end.AddHours(3), "销售经理", null);
                        if (lead.KeepsInterest) (lead.PoolSince, lead.ConsultantUserId, lead.ConsultantName) = (lead.ClosedAt, null, null);
                        Event(lead, LeadEventKind.LostApproved, end.AddHours(3), null, null);
                    }
                    else lead.NextFollowUpOn = null;
                    break;
                case LeadState.Unreachable:
                    (lead.ClosedAt, lead.NextFollowUpOn) = (end, null);
                    break;
                case LeadState.Ordered:
                    (lead.OrderedAt, lead.ClosedAt, lead.NextFollowUpOn, lead.TestDriveAt) = (end, end, null, lead.VisitedAt ?? end.AddHours(-2));
                    break;
            }
            lead.UpdatedAt = lead.LastFollowUpAt ?? created;
        }
        await db.SaveChangesAsync();
        await SeedBatchAsync(store, consultants, faker, now, NewMobile);
    }

    /// <summary>Yesterday's OEM batch: most leads answered within the 24 hours, two late, two still without feedback.</summary>
    private async Task SeedBatchAsync(Store store, IReadOnlyList<Staff> consultants, Faker faker, DateTime now, Func<string> newMobile)
    {
        var arrived = now.AddHours(-30);
        var batch = new LeadBatch { StoreId = store.Id, BatchNumber = $"OEM{StoreTime.DateOf(arrived, StoreTime.Zone(store.TimeZone)):yyyyMMdd}-{store.Code}", ArrivedAt = arrived, ImportedAt = arrived.AddMinutes(20), ImportedBy = "厂家线索导入", Leads = 12 };
        db.LeadBatches.Add(batch);
        await db.SaveChangesAsync();
        for (var i = 0; i < 12; i++)
        {
            var staff = consultants[i % consultants.Count];
            var lead = new Lead
            {
                StoreId = store.Id, Name = faker.Name.LastName() + faker.PickRandom("先生", "女士"), IntentLevel = faker.PickRandom("A", "B", "C"), Series = faker.PickRandom(Series),
                Source = LeadSource.OemBatch, State = LeadState.Following, BatchId = batch.Id, OemLeadNumber = $"L{batch.Id:D4}{i + 1:D3}", FeedbackDueAt = arrived.AddHours(24),
                ConsultantUserId = staff.Id, ConsultantName = staff.Name, LastConsultantName = staff.Name, ConsultantDepartmentId = staff.DepartmentId, AssignedAt = batch.ImportedAt,
                CreatedAt = batch.ImportedAt, UpdatedAt = batch.ImportedAt, CreatedBy = batch.ImportedBy, NextFollowUpOn = StoreTime.DateOf(now, StoreTime.Zone(store.TimeZone)), NextClockAt = now,
            };
            lead.SetMobile(newMobile());
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            Event(lead, LeadEventKind.Created, batch.ImportedAt, batch.ImportedBy, batch.BatchNumber);
            Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Started, arrived);
            if (i == 11)
            {
                // No feedback in time and the OEM took it back.
                (lead.State, lead.TransferReason, lead.ClosedAt, lead.NextFollowUpOn, lead.NextClockAt) = (LeadState.Transferred, TransferReason.Late, lead.FeedbackDueAt!.Value.AddHours(2), null, null);
                Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Breached, lead.FeedbackDueAt.Value);
                Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Cancelled, lead.ClosedAt.Value);
                Event(lead, LeadEventKind.Transferred, lead.ClosedAt.Value, "厂家", "未在时限内反馈");
                continue;
            }
            if (i >= 10) continue; // no feedback yet: breached, flagged late by the clocks job
            var at = arrived.AddHours(i < 8 ? faker.Random.Double(1, 20) : faker.Random.Double(25, 29));
            var result = faker.PickRandom(LeadFeedback.Considering, LeadFeedback.VisitBooked, LeadFeedback.NoPlan);
            db.LeadAttempts.Add(new LeadAttempt { StoreId = store.Id, LeadId = lead.Id, At = at, Slot = 1, Result = result, ByUserId = staff.Id, ConsultantName = staff.Name, NextFollowUpOn = lead.NextFollowUpOn });
            (lead.Attempts, lead.LastFollowUpAt, lead.ContactedAt, lead.Feedback, lead.FeedbackAt, lead.FeedbackBy) = (1, at, at, result, at, staff.Name);
            Event(lead, LeadEventKind.Attempt, at, staff.Name, null);
            if (i < 8) Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Met, at);
            else
            {
                // Answered after the 24 hours: the breach is a fact of its due time, the feedback met it late.
                Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Breached, lead.FeedbackDueAt!.Value);
                Limit(lead, LeadLimit.OemFeedback, 0, LimitEventKind.Met, at);
            }
            Limit(lead, LeadLimit.FollowUp, 1, LimitEventKind.Started, at);
        }
        await db.SaveChangesAsync();
    }

    private void Event(Lead lead, LeadEventKind kind, DateTime at, string? by, string? note) =>
        db.LeadEvents.Add(new LeadEvent { LeadId = lead.Id, Kind = kind, At = at, ByName = by, Note = note });

    private void Limit(Lead lead, LeadLimit limit, int round, LimitEventKind kind, DateTime at) =>
        db.LeadLimitEvents.Add(new LeadLimitEvent { LeadId = lead.Id, Limit = limit, Round = round, Kind = kind, At = at });
}
