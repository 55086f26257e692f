using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks.Questionnaires;

/// <summary>
/// The questionnaires of seed 002 §三 word for word: 表1 新车销售调查问卷 and 表2 售后服务调查问卷, Q1–Q11
/// each, with the greeting and closing of the callback script. Installed once as version 1 of each kind.
/// </summary>
public static class QuestionnaireDefaults
{
    private const string Score = "(打分1-10分)";

    public static Questionnaire Sales() => new()
    {
        Kind = SurveyKind.Sales, Version = 1, Title = "{store}新车销售调查问卷",
        Opening = "您好,我是{store}的回访员{me},请问是{customer}吗?近期您是否在我们店购买了一辆{model}?感谢您购买我们的产品,能否占用您几分钟时间,了解一下您在购车时的满意程度。",
        Closing = "好的,非常感谢您的支持,近期第三方调查公司将会对我们的回访与您进行确认,并对您此次提车的经历进行服务满意度调查,请给予配合。如果您今后在用车过程中有任何疑问,请随时与我们联系,祝您用车愉快,再见!",
        Questions =
        [
            Q(1, "对于在销售顾问接待您之前等待时间的长短,您的满意程度如何?" + Score, AnswerType.Score),
            Q(2, "对于销售顾问向您提供感兴趣车型详细信息能力方面,您的满意程度如何?" + Score, AnswerType.Score),
            Q(3, "在您购买新车前,销售顾问是否向您建议过试乘试驾?", AnswerType.YesNo),
            Q(4, "请问销售顾问现场交车的时间是否符合您的要求?", AnswerType.YesNo),
            Q(5, "交车时,车辆燃油警示灯是否亮起?", AnswerType.YesNo),
            Q(6, "交车时,销售人员是否解答了您提出的所有问题?", AnswerType.YesNo),
            Q(7, "交车时,销售顾问就您车辆使用和维护保养方面作出的介绍,您的满意程度如何?" + Score, AnswerType.Score),
            Q(8, "新车交付后销售顾问是否与您取得联系,了解您的车辆使用状况?", AnswerType.YesNo),
            Q(9, "销售人员是否向您介绍了服务顾问?服务顾问有没有提醒您首次保养的时间,并留下了联系方式?", AnswerType.YesNo),
            Q(10, "请问,结算时您对财务人员的工作效率及服务态度是否满意?", AnswerType.YesNo),
            Q(11, "请问您对我们的产品和服务还有什么其他意见或建议吗?", AnswerType.Text),
        ],
    };

    public static Questionnaire Service() => new()
    {
        Kind = SurveyKind.Service, Version = 1, Title = "{store}售后服务调查问卷",
        Opening = "您好,我是{store}的回访员{me},请问是{customer}吗?近期您是否在我们店维修或者保养呢?感谢您对我店的支持,能否占用您几分钟时间,了解一下您在维修/保养时的满意程度。",
        Closing = "好的,非常感谢您的支持,近期第三方调查公司将会对我们的回访与您进行确认,并对您此次维修的经历进行服务满意度调查,请给予一个好评。如果您今后在用车过程中有任何疑问,请随时与我们联系,祝您用车愉快,再见!",
        Questions =
        [
            Q(1, "您这次到店对我们的服务总体是否满意呢?" + Score, AnswerType.Score),
            Q(2, "您到店时是否有服务顾问及时接待并热情地问候您?", AnswerType.YesNo),
            Q(3, "您到店时服务顾问是否对您车辆的外观进行了检查并说明?", AnswerType.YesNo),
            Q(4, "服务顾问是否向您说明本次保养/维修项目、费用、时间,并请您在施工单上签字确认且提醒您保管好", AnswerType.Choice, "详细说明|部分说明|未说明"),
            Q(5, "服务顾问是否按时交车?", AnswerType.YesNo),
            Q(6, "是否有人向您解释了收费内容及作业项目(含实车确认)", AnswerType.YesNo),
            Q(7, "交车时,接待人员是否向您宣传我们的预约服务并向您提供下次保养建议呢?", AnswerType.YesNo),
            Q(8, "交车时服务顾问是否向您展示旧件呢?", AnswerType.YesNo),
            Q(9, "请问,对于我们维修技术人员诊断车辆有问题的能力,您是否满意?" + Score, AnswerType.Score),
            Q(10, "请问您对车辆的维修/保养/钣喷质量及作业时间是否满意呢?" + Score, AnswerType.Score),
            Q(11, "请问您对我们的产品和服务还有什么其他意见或建议吗", AnswerType.Text),
        ],
    };

    /// <summary>
    /// The showroom visitor's intent survey. Seed 004 §3.3.1 leaves its content to the dealer ("回访内容可根据销售服务店销售
    /// 各环节的薄弱点制订"); these questions follow the visit's own steps of its table of 客户关系维系 (接待, 需求分析, 产品说明,
    /// 试乘试驾, 离店后感谢短信) and ask the intent. The CR manager edits it like the others.
    /// </summary>
    public static Questionnaire Intent() => new()
    {
        Kind = SurveyKind.Intent, Version = 1, Title = "{store}来店客户回访问卷",
        Opening = "您好,我是{store}的回访员{me},请问是{customer}吗?感谢您前两天光临我们的展厅,能否占用您几分钟时间,了解一下您对我们接待的感受。",
        Closing = "好的,非常感谢您的宝贵意见,您的销售顾问会继续为您服务,如有任何疑问请随时与我们联系,祝您生活愉快,再见!",
        Questions =
        [
            Q(1, "您对到店时展厅人员的接待是否满意?" + Score, AnswerType.Score),
            Q(2, "销售顾问是否详细了解了您的需求,并介绍了您感兴趣的车型?", AnswerType.YesNo),
            Q(3, "销售顾问是否主动邀请您试乘试驾?", AnswerType.YesNo),
            Q(4, "离店后您是否收到了我们的感谢短信?", AnswerType.YesNo),
            Q(5, "您预计什么时候购车?", AnswerType.Choice, "一周内|一个月内|三个月内|半年内|半年以上|未定"),
            Q(6, "您目前最感兴趣的车型,或者还在比较的品牌是?", AnswerType.Text),
            Q(7, "您对我们的接待和服务还有什么意见或建议吗?", AnswerType.Text),
        ],
    };

    private static Question Q(int number, string text, AnswerType type, string? options = null) => new() { Number = number, Text = text, Type = type, Options = options };

    /// <summary>Installs version 1 of each kind that has none yet.</summary>
    public static async Task EnsureAsync(DcrcDb db, DateTime now)
    {
        foreach (var q in new[] { Sales(), Service(), Intent() })
        {
            if (await db.Questionnaires.AnyAsync(x => x.Kind == q.Kind)) continue;
            q.CreatedAt = now;
            q.CreatedBy = "system";
            db.Questionnaires.Add(q);
        }
        await db.SaveChangesAsync();
    }
}
