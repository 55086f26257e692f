using Dcrc.Kernel.Cases;
using Bogus;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Callbacks.Questionnaires;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Sms;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Data;

/// <summary>
/// A working callback centre for the demo: the tasks of the last three months' deliveries and repair orders,
/// most of the past ones reached with their surveys answered (a few dissatisfied, with grievance cases), some
/// failed, expired or with a wrong number, some answered by SMS after four failures; today's and the coming
/// tasks open, a few rescheduled and a share held by the store's specialist.
/// </summary>
public class DemoCallbacks(DcrcDb db, CallbackGeneration generation, StoreCalendars calendars, TimeProvider clock)
{
    private static readonly CallbackOutcome[] Failures =
        [CallbackOutcome.NoAnswer, CallbackOutcome.SwitchedOff, CallbackOutcome.Refused, CallbackOutcome.LineBusy, CallbackOutcome.Unreachable, CallbackOutcome.Suspended];
    private static readonly string[] Grievances = ["交车时车内有异味，希望处理", "保养等待时间太长，超过两个小时", "维修后异响仍未解决", "结算费用与报价不符", "销售顾问承诺的赠品没有兑现"];

    public async Task SeedAsync(Store store, Faker faker, string? specialistId, string specialistName)
    {
        await generation.GenerateAsync(storeId: store.Id, lookbackDays: 95);
        var calendar = await calendars.ForStoreAsync(store.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = StoreTime.DateOf(now, calendar.Zone);
        var surveys = await db.Questionnaires.Include(q => q.Questions).GroupBy(q => q.Kind).Select(g => g.OrderByDescending(q => q.Version).First()).ToListAsync();
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => c.StoreId == store.Id).ToDictionaryAsync(c => c.Id, c => new { c.Name, c.Mobile });
        var tasks = await db.CallbackTasks.IgnoreQueryFilters().Where(t => t.StoreId == store.Id).OrderBy(t => t.Id).ToListAsync();
        DateTime At(DateOnly d, int hour) => StoreTime.ToUtc(d.ToDateTime(new TimeOnly(hour, faker.Random.Int(0, 59))), calendar.Zone);
        var grievances = new List<(CallbackTask Task, string Content, DateTime At)>();
        // One save for all (a save per row re-scans every tracked row: minutes instead of seconds); the ids are linked after it.
        var messages = new List<(CallbackTask Task, SmsMessage Sms)>();

        foreach (var t in tasks)
        {
            var survey = CallbackSchedule.IsSurvey(t.Kind) ? surveys.Single(q => q.Kind == (t.Kind == CallbackKind.SalesSurvey ? SurveyKind.Sales : SurveyKind.Service)) : null;
            var customer = customers[t.CustomerId];
            if (t.DueBy >= today.AddDays(-1))
            {
                // Today's and the coming work: some taken by the specialist, some rescheduled by the customer.
                if (CallbackGenerationRules.Assignee(t.Kind) == CallbackAssignee.Pool && faker.Random.Int(0, 99) < 40) t.AssignedTo = specialistId;
                if (t.DueOn <= today && faker.Random.Int(0, 99) < 15)
                {
                    t.AssignedTo = specialistId;
                    Attempt(t, faker.PickRandom(CallbackOutcome.Busy, CallbackOutcome.NotOwner), now.AddMinutes(-faker.Random.Int(5, 120)));
                    t.RescheduledTo = StoreTime.ToUtc(today.AddDays(faker.Random.Int(0, 1)).ToDateTime(new TimeOnly(faker.Random.Int(14, 17), 0)), calendar.Zone);
                }
                continue;
            }
            var day = t.DueOn;
            var roll = faker.Random.Int(0, 99);
            t.AssignedTo ??= specialistId;
            if (roll < 4)
            {
                Attempt(t, faker.PickRandom(CallbackOutcome.WrongNumber, CallbackOutcome.EmptyNumber), At(day, 10));
                Close(t, CallbackStatus.Invalid, At(day, 10));
            }
            else if (roll < 12)
            {
                // Failed for good: a few tries, then the survey expired (or the care call was given up).
                var tries = survey is null ? 4 : faker.Random.Int(1, 3);
                for (var i = 0; i < tries; i++) Attempt(t, faker.PickRandom(Failures), At(day.AddDays(i), 9 + i * 2));
                Close(t, CallbackStatus.Expired, At(t.ExpiresOn?.AddDays(1) ?? day.AddDays(tries), 0));
            }
            else if (roll < 18 && survey is not null && customer.Mobile is not null)
            {
                // Four failures → the SMS survey; most answer with a score.
                for (var i = 0; i < 4; i++) Attempt(t, faker.PickRandom(Failures), At(day.AddDays(i / 2), 9 + i * 3));
                var sentAt = At(day.AddDays(2), 18);
                var sms = new SmsMessage
                {
                    StoreId = t.StoreId, CustomerId = t.CustomerId, CustomerName = customer.Name, Mobile = customer.Mobile, Purpose = SmsPurpose.Survey,
                    Reason = CallbackSmsReplies.Reason, RelatedId = t.Id, Body = CallbackSettings.SmsTemplate.Default.Replace("{0}", store.Name, StringComparison.Ordinal),
                    IdempotencyKey = $"callbacks.survey:{t.Id}", Status = SmsStatus.Delivered, Attempts = 1, ProviderMessageId = $"local-demo-{t.Id}",
                    CreatedAt = sentAt, CreatedBy = "demo", SentAt = sentAt, DeliveredAt = sentAt.AddSeconds(5),
                };
                db.SmsMessages.Add(sms);
                messages.Add((t, sms));
                t.FailedAttempts = 4;
                if (faker.Random.Int(0, 99) < 75)
                {
                    var score = faker.Random.Int(0, 99) < 85 ? faker.Random.Int(8, 10) : faker.Random.Int(4, 7);
                    sms.Reply = score.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sms.RepliedAt = sentAt.AddHours(faker.Random.Int(1, 20));
                    Score(t, score);
                    Close(t, CallbackStatus.Completed, sms.RepliedAt.Value, "sms");
                    if (t.Band == SatisfactionBand.Dissatisfied) grievances.Add((t, $"短信回访回复 {score} 分", sms.RepliedAt.Value));
                }
                else Close(t, CallbackStatus.Expired, At(t.ExpiresOn!.Value.AddDays(1), 0));
            }
            else
            {
                if (faker.Random.Int(0, 99) < 30) Attempt(t, faker.PickRandom(Failures), At(day, 9));
                var at = At(day.AddDays(faker.Random.Int(0, 2)), faker.Random.Int(10, 17));
                Attempt(t, CallbackOutcome.Success, at);
                if (survey is not null)
                {
                    t.QuestionnaireId = survey.Id;
                    var unhappy = faker.Random.Int(0, 99) < 7;
                    var lowest = 10;
                    foreach (var q in survey.Questions)
                    {
                        var a = new CallbackAnswer { TaskId = t.Id, QuestionId = q.Id };
                        switch (q.Type)
                        {
                            case AnswerType.Score:
                                a.Score = unhappy && lowest > 5 ? faker.Random.Int(3, 5) : faker.Random.Int(0, 99) < 80 ? faker.Random.Int(8, 10) : faker.Random.Int(6, 7);
                                lowest = Math.Min(lowest, a.Score.Value);
                                break;
                            case AnswerType.YesNo: a.YesNo = faker.Random.Int(0, 99) < 92; break;
                            case AnswerType.Choice: a.Choice = q.OptionList[faker.Random.Int(0, 99) < 85 ? 0 : 1]; break;
                            default: a.Text = faker.Random.Int(0, 99) < 20 ? faker.PickRandom("希望周末也能预约保养", "休息区的茶点很好", "服务顾问很专业") : null; break;
                        }
                        db.CallbackAnswers.Add(a);
                    }
                    Score(t, lowest);
                    if (t.Band == SatisfactionBand.Dissatisfied) grievances.Add((t, faker.PickRandom(Grievances), at));
                }
                if (t.Kind == CallbackKind.OwnerConfirmation) t.OwnerDataCorrect = faker.Random.Int(0, 99) < 90;
                Close(t, CallbackStatus.Completed, at);
            }
        }
        await db.SaveChangesAsync();
        foreach (var (t, sms) in messages) t.SmsMessageId = sms.Id;

        var sales = await db.Departments.Where(d => d.Code == "SALES").Select(d => (int?)d.Id).FirstOrDefaultAsync();
        var service = await db.Departments.Where(d => d.Code == "SERVICE").Select(d => (int?)d.Id).FirstOrDefaultAsync();
        // Grievances of the callbacks are complaint cases of the callback channel, with the consultant's or advisor's department.
        var counts = new Dictionary<long, int>();
        var cases = new List<(CallbackTask Task, Complaint Case, bool Closed, DateTime At)>();
        foreach (var (t, content, at) in grievances)
        {
            var closed = at < now.AddDays(-5) && faker.Random.Int(0, 99) < 80;
            var c = new Complaint
            {
                StoreId = t.StoreId, Channel = ComplaintChannel.Callback, ReceivedAt = at, ReceivedBy = specialistId, ReceivedByName = specialistName,
                CustomerId = t.CustomerId, VehicleId = t.VehicleId, ContactName = customers[t.CustomerId].Name, ContactPhone = customers[t.CustomerId].Mobile,
                Category = faker.PickRandom(ComplaintCategory.ServiceQuality, ComplaintCategory.ProductQuality, ComplaintCategory.UnmetExpectation),
                Description = content, CallbackTaskId = t.Id, DepartmentId = t.Kind == CallbackKind.SalesSurvey ? sales : service, ResponsibleName = t.StaffName,
                State = closed ? ComplaintState.Closed : ComplaintState.Dispatched, UpdatedAt = at,
                CustomerComplaintNumber = counts[t.CustomerId] = counts.GetValueOrDefault(t.CustomerId) + 1,
                Solution = closed ? "已致电客户致歉，安排客户回店处理" : null, Result = closed ? "问题已处理" : null,
                CustomerOpinion = closed ? "接受" : null, ClosingSummary = closed ? "客户接受处理方案，表示满意" : null,
            };
            db.Complaints.Add(c);
            cases.Add((t, c, closed, at));
        }
        await db.SaveChangesAsync();
        foreach (var (t, c, closed, at) in cases)
        {
            t.ComplaintId = c.Id;
            var steps = closed
                ? new[] { ComplaintAction.JudgeValid, ComplaintAction.Dispatch, ComplaintAction.Propose, ComplaintAction.ReportResult, ComplaintAction.Approve, ComplaintAction.Accept, ComplaintAction.Close }
                : [ComplaintAction.JudgeValid, ComplaintAction.Dispatch];
            var state = ComplaintState.Received;
            var when = at;
            db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = when, To = state, ByName = specialistName });
            db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = ComplaintLimit.Dispatch, Kind = LimitEventKind.Started, At = when });
            foreach (var action in steps)
            {
                when = action == ComplaintAction.Dispatch ? when.AddMinutes(10) : when.AddHours(faker.Random.Int(2, 12));
                var next = ComplaintWorkflow.Next(state, action, null, 0);
                db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = when, Action = action, From = state, To = next, ByName = action is ComplaintAction.Propose or ComplaintAction.ReportResult ? t.StaffName : specialistName });
                var limits = action switch
                {
                    ComplaintAction.Dispatch => new[] { (ComplaintLimit.Dispatch, LimitEventKind.Met), (ComplaintLimit.Proposal, LimitEventKind.Started), (ComplaintLimit.Result, LimitEventKind.Started) },
                    ComplaintAction.Propose => [(ComplaintLimit.Proposal, LimitEventKind.Met)],
                    ComplaintAction.ReportResult => [(ComplaintLimit.Result, LimitEventKind.Met)],
                    ComplaintAction.Close => [(ComplaintLimit.FollowUp, LimitEventKind.Started)],
                    _ => [],
                };
                foreach (var (limit, kind) in limits) db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = limit, Kind = kind, At = when });
                state = next;
            }
            if (closed)
            {
                c.ClosedAt = when;
                var followed = when.AddDays(2) < now ? when.AddDays(2) : now;
                db.ComplaintEvents.Add(new ComplaintEvent { ComplaintId = c.Id, At = followed, Action = ComplaintAction.FollowUp, From = state, To = ComplaintState.FollowedUp, ByName = specialistName });
                db.ComplaintLimitEvents.Add(new ComplaintLimitEvent { ComplaintId = c.Id, Limit = ComplaintLimit.FollowUp, Kind = LimitEventKind.Met, At = followed });
                c.State = ComplaintState.FollowedUp;
                c.FollowUpNote = "再次回访：客户满意";
            }
        }
        await db.SaveChangesAsync();
        await generation.ExpireAsync();
        db.ChangeTracker.Clear();

        void Attempt(CallbackTask t, CallbackOutcome outcome, DateTime at)
        {
            db.CallbackAttempts.Add(new CallbackAttempt { StoreId = t.StoreId, TaskId = t.Id, At = at, ByUserId = t.AssignedTo, ByName = specialistName, Outcome = outcome });
            t.LastOutcome = outcome;
            t.LastAttemptAt = at;
            if (CallbackOutcomes.Classify(outcome) == OutcomeClass.Failure) t.FailedAttempts++;
        }
        void Close(CallbackTask t, CallbackStatus status, DateTime at, string? by = null)
        {
            t.Status = status;
            t.ClosedAt = at > now ? now : at;
            t.ClosedBy = by ?? "demo";
        }
        void Score(CallbackTask t, int score)
        {
            t.Score = score;
            t.Band = Satisfaction.BandOf(score, new Satisfaction.Limits(CallbackSettings.CompletelySatisfiedFrom.Default, CallbackSettings.BasicallySatisfiedFrom.Default));
        }
    }
}
