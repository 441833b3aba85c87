using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Workbench;

/// <summary>The back-office home: the signed-in staff member's institutions, roles and what they may do.</summary>
[Authorize]
public sealed class WorkbenchModel(IAccountsApi accounts, CurrentUser me) : PageModel
{
    public sealed record Tile(string Title, string Description, string Url, string TestId);

    public IReadOnlyList<InstitutionInfo> Institutions { get; private set; } = [];
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = new List<InstitutionInfo>();
        foreach (var id in me.TenantIds)
            if (await accounts.GetInstitutionAsync(id, ct) is { } i) list.Add(i);
        Institutions = list;

        var tiles = new List<Tile>();
        if (me.Has(Permissions.Accounts.ManageInstitutions))
            tiles.Add(new("入驻机构", "登记培训机构、评价机构、合作推广单位和监管机构的实名信息。", "/workbench/institutions", "tile-institutions"));
        if (me.Has(Permissions.Enrollment.ManageProjects)) tiles.Add(new("培训项目", "创建培训项目，编辑并发布项目规则、收费明细和报名材料（版本化公示）。", "/workbench/projects", "tile-projects"));
        if (me.Has(Permissions.Learning.ManageCourses))
            tiles.Add(new("课程建设", "按知识与技能点编排课程：视频、直播、资料与自测单元，前置任务与学习规则。", "/workbench/courses", "tile-courses"));
        if (me.Has(Permissions.Learning.ManageCourses))
            tiles.Add(new("练习题库", "按知识点维护练习题（单选、多选、判断，附解析），支持 Excel 批量导入；与考试题库相互独立。", "/workbench/practice-banks", "tile-practice-banks"));
        if (me.Has(Permissions.Enrollment.ReviewApplications))
            tiles.Add(new("报名审核", "按公示时限审核报名材料、确认缴费，作出通过、补正或不予通过的决定。", "/workbench/reviews", "tile-reviews"));
        if (me.Has(Permissions.Enrollment.ReviewApplications) || me.Has(Permissions.Supervision.ViewAllInstitutions))
            tiles.Add(new("开通异常", "审核通过未开通、开通项目不一致、重复开通等异常清单。", "/workbench/anomalies", "tile-anomalies"));
        if (me.Has(Permissions.Enrollment.Promote))
            tiles.Add(new("合作推广", "为已实名注册的学员发起报名（须学员本人确认），查看报名状态。", "/workbench/promotion", "tile-promotion"));
        if (me.Has(Permissions.Payments.Confirm))
            tiles.Add(new("财务", "退费审批、重复支付退回、线下转账确认与支付对账。", "/workbench/finance", "tile-finance"));
        if (me.Has(Permissions.Learning.ReviewAnomalies))
            tiles.Add(new("学习异常复核", "复核系统标记的学习异常：确认则作废该时段学时并通知学员，排除则记录意见。", "/workbench/learning/anomalies", "tile-learning-anomalies"));
        if (me.Has(Permissions.Learning.ExtendValidity))
            tiles.Add(new("学习有效期延期", "因机构或平台原因缩短学习时间时，为学员延长学习有效期并记录原因。", "/workbench/learning/validity", "tile-learning-validity"));
        if (me.Has(Permissions.Learning.ViewRecords))
        {
            tiles.Add(new("学习过程记录", "按时间、项目、机构、学员查询每次线上学习记录，按附件2格式导出 Excel / CSV。", "/workbench/learning/records", "tile-learning-records"));
            tiles.Add(new("学习统计", "按课程、学员统计开通、完成、退出人数与有效学时，按日、周、月查看趋势。", "/workbench/learning/statistics", "tile-learning-statistics"));
        }
        if (me.Has(Permissions.Identity.Review))
            tiles.Add(new("身份核验复核", "复核疑似非真人、多次失败、与底照不一致等人脸核验记录，查看底照与画面（留痕），给出结论。", "/workbench/identity/reviews", "tile-identity-reviews"));
        if (me.Has(Permissions.Identity.VerifyManually))
            tiles.Add(new("人工身份核验", "为不同意人脸核验或无法使用摄像头的学员，现场或视频核对身份证件并记录核验人。", "/workbench/identity/manual", "tile-identity-manual"));
        if (me.Has(Permissions.Identity.ViewLog))
            tiles.Add(new("身份核验记录", "按日期、场景、结果、学员查询每次人脸与人工核验的结果、分值、阈值与设备，导出 CSV。", "/workbench/identity/decisions", "tile-identity-log"));
        if (me.Has(Permissions.Identity.Monitor))
            tiles.Add(new("人脸核验监测", "按小时、按机构监测核验失败率与重试率，超过阈值告警并记录处理。", "/workbench/identity/monitor", "tile-identity-monitor"));
        if (me.Has(Permissions.Exams.ManageBatches))
            tiles.Add(new("考试场次", "按批次设置各科目场次与考生，开考前生成考生试卷；考中补时、收卷、安排重考；考后复核与成绩发布、申诉答复。", "/workbench/exams", "tile-exams"));
        if (me.Has(Permissions.Exams.Score))
            tiles.Add(new("实操评分", "考评员对已交卷答卷的实操题匿名评分（只显示答卷编号），评分留痕，以最近一次为准。", "/workbench/exams/scoring", "tile-exam-scoring"));
        if (me.Has(Permissions.Exams.ManageBanks))
            tiles.Add(new("考试题库与试卷", "评价机构的考试题库（单选、多选、判断、实操），固定组卷或按知识点规则抽题，题目与选项乱序；培训机构不可见。", "/workbench/exams/bank", "tile-exam-bank"));
        if (me.Has(Permissions.Commitments.ViewRecords))
            tiles.Add(new("承诺书", "学习承诺书与考试承诺书：模板版本与必备内容核对、签署记录与页面操作日志、重签与撤销、PDF。", "/workbench/commitments", "tile-commitments"));
        if (me.Has(Permissions.Violations.View))
        {
            tiles.Add(new("违纪违规处理", "记录考生违纪违规行为与证据，双人确认后按等级作废成绩、登记禁考并通知学员。", "/workbench/violations", "tile-violations"));
            tiles.Add(new("禁考名单", "查看因二级、三级违纪被禁止报名和参加鉴定的学员；管理员可记录理由提前解除。", "/workbench/violations/bans", "tile-bans"));
        }
        if (me.Has(Permissions.Exams.ManageBatches))
            tiles.Add(new("补考管理", "公布各项目补考规则（情形、次数、期限、收费，版本留存），审核补考申请并安排补考场次。", "/workbench/exams/makeup", "tile-makeup"));
        if (me.Has(Permissions.Certificates.Read))
            tiles.Add(new("证书管理", "成绩确认后核发职业技能等级证书：证书编号、更正留痕、撤销，打印、邮寄或当面发放与学员签收。", "/workbench/certificates", "tile-certificates"));
        if (me.Has(Permissions.Complaints.View))
            tiles.Add(new("投诉处理", "按公示时限受理、指派、核查和答复投诉与申诉，超时提醒；统计重复发生的问题以便改进。", "/workbench/complaints", "tile-complaints"));
        if (me.Has(Permissions.Archive.Read))
            tiles.Add(new("学员档案", "按时间顺序查看学员报名、缴费、学习、承诺书、身份核验、考试、复核与违纪处理的全部记录，导出带哈希清单的档案包。", "/workbench/archive", "tile-archive"));
        if (me.Has(Permissions.Archive.Verify))
            tiles.Add(new("档案校验", "上传导出的学员档案压缩包，核对每个文件与清单和审计链是否一致。", "/archive/verify", "tile-archive-verify"));
        if (me.Has(Permissions.Accounts.ManageStaff))
            tiles.Add(new("机构人员", "创建工作人员账号、分配岗位，执行考培分离校验。", "/workbench/staff", "tile-staff"));
        if (me.Has(Permissions.Supervision.ViewAllInstitutions))
            tiles.Add(new("监管总览", "跨机构查询机构、项目、学员与人员情况。", "/regulator", "tile-regulator"));
        if (me.Has(Permissions.Supervision.VerifyAudit) || me.Has(Permissions.Supervision.ViewInstitutionAudit))
            tiles.Add(new("审计日志", "查看操作留痕，校验审计哈希链是否被篡改。", "/workbench/audit", "tile-audit"));
        if (me.Has(Permissions.Retention.Manage))
            tiles.Add(new("保存期限与处置", "各类记录的保存期限；到期记录由系统提出处置批次，两名管理员先后批准、确认后执行并留存处置记录。", "/workbench/retention", "tile-retention"));
        tiles.Add(new("两步验证", "为本账号开启身份验证器动态码登录。", "/Accounts/TwoFactor", "tile-2fa"));
        Tiles = tiles;
    }
}
