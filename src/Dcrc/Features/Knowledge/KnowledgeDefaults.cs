using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Knowledge;

/// <summary>The script of each call type, by a stable key.</summary>
public static class ScriptTopics
{
    /// <summary>The situations any call may meet (002 §二 2, 3, 5): not heard, dialect, wrong number, thanks…</summary>
    public const string General = "general";
    /// <summary>处理顾客抱怨时的十句禁言 (002 §四 五): never said on any call.</summary>
    public const string Forbidden = "forbidden";

    public static string For(CallPurpose purpose) => "call." + Camel(purpose.ToString());
    public static string For(CallbackKind kind) => "callback." + Camel(kind.ToString());

    /// <summary>Every topic, in the order the knowledge page lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [General, Forbidden, .. Enum.GetValues<CallPurpose>().Select(For), .. Enum.GetValues<CallbackKind>().Select(For)];

    public static CallPurpose? PurposeOf(string topic) =>
        Enum.GetValues<CallPurpose>().Cast<CallPurpose?>().FirstOrDefault(p => For(p!.Value) == topic);

    public static CallbackKind? KindOf(string topic) =>
        Enum.GetValues<CallbackKind>().Cast<CallbackKind?>().FirstOrDefault(k => For(k!.Value) == topic);

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}

/// <summary>
/// The scripts of seed 002 §二 (客服回访规范话术: the greetings of outgoing and incoming calls, every situation with
/// what to say and its "不可以说" / "不可以…" counterpart, the closings), the inbound-call flow of seed 000 (DCRC服务热线
/// 来电接听流程) and the ten forbidden phrases of 002 §四 五, word for word; the dealer's name, the agent's name and the
/// customer's are the placeholders {store}, {me} and {customer}. Where the source's conversion lost a word (电话,
/// 方式, 姓名, the 范 of 范围) it is restored. A few FAQ answers to start from. Installed once; the CR manager edits them.
/// </summary>
public static class KnowledgeDefaults
{
    /// <summary>五、处理顾客抱怨时的十句禁言 (002 §四), word for word.</summary>
    public static readonly IReadOnlyList<string> TenForbiddenPhrases =
    [
        "这种问题连小孩子都会!",
        "你要知道,一分钱,一分货。",
        "绝对不可能有这种事发生。",
        "你要去问厂商,这不是我们的事。",
        "嗯-我不大清楚。",
        "我绝对没说过这种话。",
        "我不懂怎么处理。",
        "公司的规定就是这样。",
        "你看不懂中文吗?",
        "改天再通知你。",
    ];

    private static ScriptPhrase P(PhraseStage stage, string? situation, string? say, string? neverSay = null, string? neverDo = null) =>
        new() { Stage = stage, Situation = situation, Say = say, NeverSay = neverSay, NeverDo = neverDo };

    // 1. 开头语以及问候语
    private static ScriptPhrase OutgoingGreeting() => P(PhraseStage.Greeting, "去电问候语",
        "您好,我是{store}的回访员{me},请问是{customer}吗?", "喂,说话呀!");
    private static ScriptPhrase IncomingGreeting() => P(PhraseStage.Greeting, "来电问候语",
        "小姐(先生),您好,这里是{store}客户关系部,请问有什么可以帮到您?", "喂,说吧!");

    // Seed 000 DCRC服务热线 1、来电接听流程.
    private static ScriptPhrase AskPurpose() => P(PhraseStage.Opening, "询问客户来电目的,听取客户的描述并详细记录",
        "好的,{customer}您刚刚提到的问题我再复述一次好吗?(询问顾客是否正确或补充及其它疑问)");

    // 6. 结束语
    private static ScriptPhrase IncomingClosing() => P(PhraseStage.Closing, "客户来电结束后",
        "请问还有什么可以帮到您吗?(若客户说没有)感谢您的来电,如果您今后在用车过程中有任何疑问,请随时与我们联系,祝您用车愉快,再见!");
    private static ScriptPhrase ArrangeAndReply() => P(PhraseStage.Closing, "来电接听结束",
        "我会尽快安排并回复, 谢谢您的来电,再见!");
    private static ScriptPhrase CallbackClosing(string say) => P(PhraseStage.Closing, "同客户回访结束后", say, neverDo: "不可以直接挂");

    private const string SurveyClosing = "好的,非常感谢您的支持,近期第三方调查公司将会对我们的回访与您进行确认,并对您此次提车的经历进行服务满意度调查,请给予配合。如果您今后在用车过程中有任何疑问,请随时与我们联系,祝您用车愉快,再见!";
    private const string CareClosing = "好的,非常感谢您的支持,如果您今后在用车过程中有任何疑问,请随时与我们联系,祝您用车愉快,再见!";

    /// <summary>002 §二 2 无法听清, 3 回访内容 (10–13), 5 非正常状况, and how to address the customer (3).</summary>
    public static List<ScriptPhrase> General() =>
    [
        P(PhraseStage.Situation, "当已经了解了客户的姓名的时候", "“{customer},”(在以下的通话过程中,用客户的姓加上“先生/小姐”保持礼貌回应称呼;第一次使用客户全名,后面用姓+先生/小姐指代。)",
            neverDo: "不可以无动于衷,无视客户的姓名"),
        P(PhraseStage.Situation, "(因用户使用免提而)无法听清楚时", "对不起,您的声音太小,请您拿起话筒说话好吗?", "喂,大声一点儿!"),
        P(PhraseStage.Situation, "遇到客户音小听不清楚时", "(保持自己的音量不变)对不起!请您大声一点,好吗?(若反复提醒仍听不清楚)对不起!您的声音太小,请您换一部电话打来,好吗?(对方同意后过5秒挂机)",
            neverDo: "不可以直接挂机"),
        P(PhraseStage.Situation, "遇到杂音太大听不清楚时", "对不起,您的杂音太大,听不清,请您换一部电话或者换一个场所再次打来好吗?(对方同意后过5秒挂机)", neverDo: "不可以直接挂机"),
        P(PhraseStage.Situation, "遇到客户讲方言客户代表却听不懂时", "对不起,请您讲普通话,好吗?谢谢!(当客户继续讲方言)对不起,请问您身边有可以讲普通话的人吗,可以请他接下,好吗?谢谢!",
            neverDo: "不可以直接挂机"),
        P(PhraseStage.Situation, "遇到客户讲方言,客户能听懂客服回访专员的普通话时", "(在听懂客户所用方言的基础上,继续保持普通话的表达。)", neverDo: "不可以转换成客户的方言"),
        P(PhraseStage.Situation, "遇到客户抱怨客户代表声音小或听不清楚时", "对不起,(稍微提高音量),请问您听得清楚吗?", neverDo: "不可以直接挂机"),
        P(PhraseStage.Situation, "若没有听清楚客户所述内容要求客户配合重复时", "对不起,麻烦您将刚才反映的问题再复述一遍,好吗?", "喂,什么?!你说什么?"),
        P(PhraseStage.Situation, "提供的信息较长,需要记录下相关内容时", "麻烦您稍等一下,我记录一下。", neverDo: "不可以不做任何记录"),
        P(PhraseStage.Situation, "遇到客户挂错", "对不起,这里是{store}客户关系部,请您查证后再拨。(若有可能请根据客户的需求,引导客户拨打其它电话。)", "喂,打错了!请看清楚后再拨。"),
        P(PhraseStage.Situation, "遇客户想直接拨打本公司内部其它部门时", "对不起,您能否将具体情况和联系方式告诉我,我帮您联系好吗?", "喂,说话呀!再不说话我就挂了啊!"),
        P(PhraseStage.Situation, "需请求客户谅解时", "对不起,请您原谅。或:对不起,很抱歉。", neverDo: "不可以没有抱歉口气!"),
        P(PhraseStage.Situation, "遇到客户向客户代表致歉时", "没关系,请不必介意。", neverDo: "不可以没有回应!"),
        P(PhraseStage.Situation, "遇到骚扰时", "对不起,您的要求不在我们的服务范围内,请您挂机。", neverDo: "不可以责怪以及不礼貌的直接挂断!"),
        P(PhraseStage.Situation, "遇到客户提出的过分要求无法做到时", "很抱歉,恐怕我不能帮助您!或:很抱歉,这超出我们的服务范围,恐怕我不能帮助您。", "喂,不可能的吧。/不可以,完全不可以!"),
        P(PhraseStage.Situation, "遇到客户向客服回访专员表示感谢时", "请不必客气。(若客户进一步表扬)请不必客气,这是我们应该做的或这是我们的工作职责,感谢您对我们工作的支持,随时欢迎您再来电。",
            neverDo: "不可以以生活化的词语口气回答"),
    ];

    /// <summary>002 §二 4 抱怨与投诉 (14–20).</summary>
    private static List<ScriptPhrase> Complaint() =>
    [
        IncomingGreeting(),
        P(PhraseStage.Situation, "遇到客户投诉热线难拨通、应答慢时(包括铃响三声后才接起)", "对不起,刚才因为线路忙,让您久等了!请问有什么可以帮助您?", "喂,我也没办法,刚才线路忙啊!"),
        P(PhraseStage.Situation, "遇到客户情绪激烈,破口大骂", "对不起,先生/小姐,请问有什么可以帮助您?(同时调整好心境,尽量抚平客户的情绪,若无法处理,应马上报告部门经理。)",
            "喂,嘴巴干净一点,这又不是我的错呀!"),
        P(PhraseStage.Situation, "遇到客户责怪动作慢,不熟练", "对不起,让您久等了,我将尽快帮您处理。", "喂,不好意思,我是新手啦!"),
        P(PhraseStage.Situation, "遇到客户投诉服务人员态度不好时", "对不起,由于我们服务不周给您添麻烦了,请您原谅,您是否能将详细情况告诉我?(认真记录客户的投诉内容,并请客户留下联系方式,提交部门经理处理。)",
            "喂,刚才的不是我接的呀!"),
        P(PhraseStage.Situation, "客户投诉工作人员出差错", "对不起,给您添麻烦了,我会将您反映的问题如实上报部门经理,并尽快核实处理,给您带来的不便请您原谅!(记录下客户姓氏、及复述投诉内容。如客户仍不接受道歉)对不起,您是否可以留下您的联系方式,由我们的经理与您联系处理,好吗?",
            "喂,这不关我的事,我不清楚,您挂吧。"),
        P(PhraseStage.Situation, "遇到无法当场答复的客户投诉", "很抱歉,先生/小姐,多谢您反映的意见,我们会尽快向部门经理反映,并在 之内(复杂投诉)尽快给您的答复,好吗?", "喂,我不清楚,您过两天再来吧。"),
        P(PhraseStage.Closing, "对于客户投诉,在受理结束时", "很抱歉,{customer},多谢您反映的意见,我们会尽快向部门经理反映, 并在 之内(复杂投诉)尽快给您的答复,好吗?", "喂,没事了吧,您挂吧。"),
    ];

    private static readonly Dictionary<CallbackKind, string> Openings = new()
    {
        [CallbackKind.DeliveryThanks] = "感谢您在我店购车!请问新车用得还习惯吗?有任何问题都可以随时联系我。",
        [CallbackKind.OwnerConfirmation] = "为了今后更好地为您服务,想跟您核对一下车主的姓名、联系电话、邮寄地址和邮编,可以吗?",
        [CallbackKind.SalesSurvey] = "近期您是否在我们店购买了一辆{model}?能否占用您几分钟时间,了解一下您在购车时的满意程度。",
        [CallbackKind.FirstMaintenanceCare] = "您的新车已使用三周了,想了解一下用车情况,也提醒您首次保养的时间和里程,欢迎提前预约。",
        [CallbackKind.ServiceSurvey] = "近期您是否在我们店进行了车辆维修/保养?能否占用您几分钟时间,了解一下您在本次维修/保养时的满意程度。",
        [CallbackKind.LostCustomer] = "好久没见到您了,想了解一下您的爱车近况,最近有没有保养或维修的需要?我们可以为您预约。",
        [CallbackKind.PromisedCallback] = "您之前来电咨询的问题,我们已经查询清楚,现在给您回复,感谢您的耐心等待。",
        [CallbackKind.MissedCall] = "对不起,刚才因为线路忙,未能及时接听您的来电,让您久等了!请问有什么可以帮助您?",
        // Seed 004 §3.3.1: the DCRC calls an intent visitor within 48 hours of leaving.
        [CallbackKind.ShowroomVisit] = "感谢您前两天光临我们的展厅!想了解一下您对我们的接待和车型介绍是否满意,您对哪款车比较感兴趣?",
    };

    public static List<ScriptPhrase> Callback(CallbackKind kind) =>
    [
        OutgoingGreeting(),
        P(PhraseStage.Opening, null, Openings.GetValueOrDefault(kind)),
        CallbackClosing(kind.IsSurvey() ? SurveyClosing : CareClosing),
    ];

    public static List<ScriptPhrase> Inbound(CallPurpose purpose) => purpose switch
    {
        CallPurpose.Complaint => Complaint(),
        CallPurpose.Inquiry =>
        [
            IncomingGreeting(), AskPurpose(),
            P(PhraseStage.Situation, "遇到无法当场答复的客户咨询", "对不起,请您留下您的联系方式,我们查询后将尽快与您联系,好吗?先生/女士:请问您贵姓?谢谢您的配合,我们会尽快与您联系,再见!",
                neverDo: "不可以随意回答或自以为是的回答"),
            IncomingClosing(),
        ],
        CallPurpose.Suggestion =>
        [
            IncomingGreeting(), AskPurpose(),
            P(PhraseStage.Situation, "对于客户建议", "感谢您的建议,您提出的宝贵建议,我们将及时反馈给公司相关负责人员,再次感谢您对我们工作的关心和支持。", neverDo: "不可以没有感谢或赞扬"),
            IncomingClosing(),
        ],
        CallPurpose.Appointment or CallPurpose.Rescue => [IncomingGreeting(), AskPurpose(), ArrangeAndReply()],
        _ => [IncomingGreeting(), AskPurpose(), IncomingClosing()],
    };

    public static List<ScriptPhrase> Forbidden() =>
        TenForbiddenPhrases.Select(p => P(PhraseStage.Situation, null, null, p)).ToList();

    public static List<ScriptPhrase> For(string topic) => topic switch
    {
        ScriptTopics.General => General(),
        ScriptTopics.Forbidden => Forbidden(),
        _ when ScriptTopics.PurposeOf(topic) is { } p => Inbound(p),
        _ when ScriptTopics.KindOf(topic) is { } k => Callback(k),
        _ => throw new ArgumentOutOfRangeException(nameof(topic)),
    };

    /// <summary>Common inquiries (SPEC §11) with the standard answers of seed 000 where it has them.</summary>
    public static List<FaqEntry> Faq() =>
    [
        new() { Question = "营业时间内无人接听时,自动应答机怎么说?", Tags = "自动应答,营业时间",
            Answer = "您好!欢迎致电{store}客户关系中心,服务代表暂时无法接听您的电话,请在“嘟”声后,留下您的姓名和电话,我们会尽快与您联系,再见!" },
        new() { Question = "营业时间外来电,自动应答机怎么说?", Tags = "自动应答,下班,救援",
            Answer = "您好!欢迎致电{store}客户关系中心,我们的工作时间是………。请在听到“嘟”声后,留下您的姓名和电话,我们会尽快与您联系,紧急救援服务,请与救援中心联系,电话是………, 谢谢您的来电,再见!" },
        new() { Question = "车辆多久保养一次?", Tags = "保养,间隔,首保",
            Answer = "首次保养和定期保养的里程与时间间隔以车型的《保修及保养手册》为准(例如每 5,000 公里或 6 个月,以先到者为准)。可以为您查询车辆的下次保养时间,并为您预约。" },
        new() { Question = "如何预约保养或维修?", Tags = "预约,保养,维修",
            Answer = "请告诉我们车牌号、车型、希望到店的日期和时间段以及需要的项目,我们确认工位和服务顾问后为您登记,并在前一天提醒您。" },
        new() { Question = "车辆在路上抛锚或发生事故怎么办?", Tags = "救援,事故,抛锚",
            Answer = "请先确保人员安全,开启危险警示灯并在车后放置警示牌;发生事故请报警并通知保险公司。我们会记录您的位置、车牌和车况,立即联系外出急救服务;需要现场鉴定的事故由区域工程师到场。" },
        new() { Question = "车辆的保修(三包)期限是多久?", Tags = "保修,三包,质量",
            Answer = "整车及各部件的保修期限和条款以车辆《保修及保养手册》和国家汽车三包规定为准。请提供车架号(VIN),我们为您查询车辆的保修状态。" },
        new() { Question = "钥匙密码或音响密码遗失怎么办?", Tags = "钥匙密码,音响密码",
            Answer = "钥匙密码和音响密码属于保密信息,只能由授权人员查询,每次查询都有记录。请车主本人携带身份证和行驶证到店办理。" },
        new() { Question = "我要投诉,多久能给我答复?", Tags = "投诉,时限",
            Answer = "我们会详细记录您反映的问题,半小时内转交相关部门负责人处理,24 小时内向您说明解决方案,相关部门 48 小时内将处理结果反馈客户关系部,并由回访员跟踪直至您满意。" },
    ];

    /// <summary>Installs each topic's script and the FAQ answers that are not there yet.</summary>
    public static async Task EnsureAsync(DcrcDb db, DateTime now)
    {
        var have = await db.Scripts.Select(s => s.Topic).ToListAsync();
        foreach (var topic in ScriptTopics.All.Except(have))
        {
            var phrases = For(topic);
            for (var i = 0; i < phrases.Count; i++) phrases[i].Number = i + 1;
            db.Scripts.Add(new Script { Topic = topic, Phrases = phrases, UpdatedAt = now, UpdatedBy = "system" });
        }
        if (!await db.FaqEntries.AnyAsync())
            foreach (var f in Faq())
            {
                f.UpdatedAt = now;
                f.UpdatedBy = "system";
                db.FaqEntries.Add(f);
            }
        await db.SaveChangesAsync();
    }
}
