using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>
/// Starting texts for a new template (authors adapt them) and the demo project's published templates. Each passes the
/// publish check; the coverage maps say which paragraph carries which required item.
/// </summary>
public static class DefaultTexts
{
    public const string LearningTitle = "学习承诺书";
    public const string ExamTitle = "考试承诺书";

    public static readonly string Learning = string.Join("\n",
        "本人{姓名}（证件号码：{证件号码}）确认以上身份信息为本人真实信息，本承诺书由本人亲自签署，不由他人代签。",
        "本人报名参加“{项目}”培训项目，确认报名项目信息无误。",
        "本人已按培训机构公示的要求完成本项目规定的线上课程学习和考前练习，学习记录由平台自动生成。",
        "本人承诺在学习过程中未实施代学、代练、刷课、伪造学习记录等行为，未将账号交由他人使用。",
        "本人承诺报名及学习过程中提交的个人信息、证明材料和学习记录真实、有效。",
        "本人已阅读并知晓本项目的培训规则、考试规则和违纪处理规则。",
        "本人同意培训机构对异常学习行为、异常账号行为进行核查；经核查确认承诺不实的，本人承担相应责任，培训机构可依规定撤销本承诺书并暂停后续考试流程，并将撤销原因、依据和后续处理方式告知本人。",
        "本人知晓：签署前可就承诺内容向培训机构咨询；本承诺书不影响本人依法享有的投诉、申诉和复核等权利。",
        "签署日期：{日期}；签署方式：平台在线签署，以验证码或人脸识别方式确认，签署记录由平台保存。");

    public static readonly IReadOnlyDictionary<string, int> LearningCoverage = new Dictionary<string, int>
    {
        ["identity"] = 1, ["project"] = 2, ["completion"] = 3, ["no_proxy"] = 4, ["truthful"] = 5, ["rules_known"] = 6, ["consequences"] = 7,
        ["date_method"] = 9,
    };

    public static readonly string Exam = string.Join("\n",
        "本人{姓名}（证件号码：{证件号码}）确认以上身份信息为本人真实信息，并已通过本场次考前身份核验。",
        "本人参加“{项目}”{场次}，确认考试项目和当次考试信息无误。",
        "本人已阅读并知晓本场次考试规则、考试流程和考试时长。",
        "本人承诺由本人独立参加考试，不替考、不请人代考，不协助他人作弊。",
        "本人承诺考试中不使用非允许的资料、设备、程序或其他辅助方式答题。",
        "本人同意平台对考试过程进行记录（含登录、作答、交卷、中断日志和身份核验记录），同意异常行为识别和考后复核。",
        "本人知晓违纪、作弊、冒名考试等行为将按评价机构公示的违纪处理规则处理，情节严重的取消考试成绩并限制报考。",
        "考试时间：考试在场次规定的开始时间开放，到结束时间或个人作答时长用完时由系统自动交卷。",
        "登录要求：须使用本人实名账号登录，进入考试前完成人脸身份核验。",
        "中断与重新进入：因网络或设备原因中断的，可在考试时间内重新进入，重新进入须再次完成身份核验并重新签署考试承诺书；中断期间考试计时不停止。",
        "允许和禁止的操作：允许使用平台提供的作答、标记和检查功能；禁止切换窗口查阅资料、复制题目、与他人交流或由他人代为操作。",
        "交卷规则：开考 30 分钟后方可主动交卷，交卷后答案不再修改；到时未交卷的由系统自动交卷。",
        "成绩：客观题由系统评分，主观题和实操由考评员评分，经考后复核后在平台发布成绩。",
        "违纪处理：违纪和作弊行为经核查属实的，按规定分级处理并记录，处理结果告知本人。",
        "异议与复核：对成绩或处理结果有异议的，可在成绩发布后通过平台申诉渠道提出复核申请。",
        "签署日期：{日期}；签署方式：平台在线签署，以验证码或人脸识别方式确认。");

    public static readonly IReadOnlyDictionary<string, int> ExamCoverage = new Dictionary<string, int>
    {
        ["identity"] = 1, ["sitting"] = 2, ["rules_known"] = 3, ["independent"] = 4, ["no_aids"] = 5, ["recording"] = 6, ["violations_known"] = 7,
        ["date_method"] = 16, ["rule_times"] = 8, ["rule_login"] = 9, ["rule_reentry"] = 10, ["rule_actions"] = 11, ["rule_submission"] = 12,
        ["rule_scoring"] = 13, ["rule_violations"] = 14, ["rule_appeal"] = 15,
    };

    public static (string Title, string Body, IReadOnlyDictionary<string, int> Coverage) For(CommitmentKind kind)
        => kind == CommitmentKind.Learning ? (LearningTitle, Learning, LearningCoverage) : (ExamTitle, Exam, ExamCoverage);

    /// <summary>
    /// Demo data (called by the demo seeder, staged in its unit of work): published learning and exam commitment
    /// templates for a project, once.
    /// </summary>
    public static async Task SeedDemoAsync(AppDbContext db, Guid projectId, Guid trainingInstitutionId, Guid evaluationInstitutionId, Guid by,
        DateTime nowUtc, CancellationToken ct)
    {
        if (await db.Set<CommitmentTemplate>().AnyAsync(t => t.ProjectId == projectId, ct)) return;
        foreach (var (kind, owner) in new[] { (CommitmentKind.Learning, trainingInstitutionId), (CommitmentKind.Exam, evaluationInstitutionId) })
        {
            var (title, body, coverage) = For(kind);
            var t = CommitmentTemplate.Draft(kind, projectId, null, owner, 1, title, body, TemplateRules.CoverageJson(coverage), by, nowUtc);
            t.Publish(TemplateRules.Sha256(TemplateRules.Normalize(body)), by, nowUtc);
            db.Set<CommitmentTemplate>().Add(t);
        }
    }
}
