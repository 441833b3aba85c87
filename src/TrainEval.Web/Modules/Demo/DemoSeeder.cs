using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Demo;

/// <summary>
/// Seeds a demo platform so a person can click through the flow: one institution of each kind, staff for every
/// role, three learners and one published project with modules and an (empty) exam question bank.
/// Idempotent: the training institution's credit code marks a seeded database. Composes several modules'
/// entities directly, which only this seeder may do (see the architecture tests).
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RealNameRegistry registry, AuditLog audit,
    DemoOptions options, TimeProvider clock, ILogger<DemoSeeder> log) : IStartupTask
{
    public const string TrainingCenterName = "示例体育职业技能培训中心";
    public const string ProjectCode = "SSI-SWIM-4";

    public sealed record DemoAccount(string Login, string Name, string Role, string Institution, string Note = "");

    public static readonly string TrainingCreditCode = Code("52440106MJL001234");

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!options.Seed) return;
        if (!await db.Set<Institution>().AnyAsync(i => i.CreditCode == TrainingCreditCode, ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SeedAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Demo platform seeded");
        }
        if (options.PrintAccounts) Print();
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var op = Institution.Create(InstitutionKind.Operator, "TrainEval 平台运营中心", Code("91440101MA5CKT0P1"), "广州市天河区体育西路 1 号",
            "陈建国", "刘芳", "020-80000001", "广东省广州市", now);
        var training = Institution.Create(InstitutionKind.Training, TrainingCenterName, TrainingCreditCode, "广州市越秀区中山一路 57 号",
            "黄志强", "周敏", "020-80000002", "广东省广州市", now);
        var evaluation = Institution.Create(InstitutionKind.Evaluation, "示例体育职业技能评价中心", Code("52440106MJL005678"), "广州市天河区天河路 299 号",
            "林海", "吴婷", "020-80000003", "广东省广州市", now);
        var promotion = Institution.Create(InstitutionKind.Promotion, "示例体育合作推广有限公司", Code("91440106MA9XW1234"), "广州市海珠区新港中路 397 号",
            "郑伟", "何丽", "020-80000004", "广东省广州市", now);
        var regulator = Institution.Create(InstitutionKind.Regulator, "示例市人力资源和社会保障局", Code("11440100MB2D12345"), "广州市越秀区府前路 1 号",
            "赵明", "孙洁", "020-80000005", "广东省广州市", now);
        db.Set<Institution>().AddRange(op, training, evaluation, promotion, regulator);

        var project = Project.Create(ProjectCode, "社会体育指导员（游泳）四级", "社会体育指导员", "4-13-04-01", 4,
            "年满 18 周岁，具有游泳运动基础，拟从事游泳教学、指导或场馆服务工作的人员。",
            "依据《社会体育指导员国家职业技能标准》，面向游泳项目四级/中级工。线上课程覆盖游泳技术教学、水上安全与救护、场所服务与职业道德；考核包括理论知识线上考试和技能操作现场考核。",
            training.Id, evaluation.Id, now);
        project.AddModule("职业道德与游泳运动概述", "职业守则；游泳运动发展；社会体育指导员职责", 90);
        project.AddModule("游泳技术教学：蛙泳与自由泳", "技术要领；分解教学；常见错误纠正", 180);
        project.AddModule("水上安全与救护", "溺水识别；岸上与水中救护；心肺复苏", 135);
        project.AddModule("游泳场所服务与管理", "水质与卫生；开放管理；突发事件处置", 90);
        project.AddModule("考前综合练习", "理论知识专项练习；模拟测验", 45);
        var rules = ProjectVersion.Draft(project.Id, 1, now);
        rules.Audience = "年满 18 周岁，具有游泳运动基础，拟从事游泳教学、指导或场馆服务工作的人员。";
        rules.MinAge = 18;
        rules.MaxAge = 60;
        rules.EducationRequirement = "初中及以上学历（上传毕业证书或学信网学历证明）。";
        rules.ExperienceRequirement = "取得五级/初级工证书后从事本职业 2 年以上，或从事本职业 4 年以上（由工作单位出具证明）。";
        rules.HealthRequirement = "身体健康，无心脏病、癫痫等不适宜水上工作的疾病（签署健康声明）。";
        rules.OtherConditions = "能连续游泳 200 米以上。";
        rules.LearningRequirements = "线上学习全部 5 个课程模块，有效学习时长不少于 540 分钟；每日有效学时上限 8 学时（360 分钟）。";
        rules.CompletionRule = "全部模块完成、有效学时达标、专项练习完成率不低于 80%、模拟测验不低于 60 分。";
        rules.ExamRules = "理论知识线上考试 90 分钟，满分 100 分，60 分合格；技能操作在考核站点现场考核。考前须人脸核验并签署考试承诺书。";
        rules.MakeupRules = "首次考试不合格者可在 12 个月内补考 1 次，补考费 150 元；严重违纪者不得补考。";
        rules.CertificateRules = "理论与技能均合格且考后复核确认后，由评价机构核发职业技能等级证书，可在本平台查验。";
        rules.CourseForm = "录播视频 + 直播答疑（含回放）+ 文档资料 + 在线练习。";
        rules.RefundRules = "课程开通前申请撤回报名：全额退费。开通后 7 日内且学习进度不足 10%：退培训费的 50%。因机构原因无法开课或考试：全额退费。考试费在考试报名确认前可全额退回。退费在审核通过后 7 个工作日内原路退回。";
        rules.RefundPercentAfterActivation = 50;
        rules.LearningValidityDays = 365;
        rules.ReplayValidityDays = 365;
        rules.ReviewTimeLimitHours = 72;
        rules.ComplaintChannel = "培训机构客服电话 020-80000002（工作日 9:00–17:30）；平台投诉电话 020-80000001；监管部门 12333。";
        rules.EnrollmentOpensAtUtc = now.AddDays(-30);
        rules.EnrollmentClosesAtUtc = now.AddDays(180);
        rules.AddFee(FeeKind.Training, "培训费", 168000, TrainingCenterName, "开通前全额退；开通后 7 日内且进度不足 10% 退 50%；机构原因全额退", mandatory: true);
        rules.AddFee(FeeKind.Exam, "理论与技能考核费", 32000, "示例体育职业技能评价中心", "考试报名确认前全额退；确认后不退（因评价机构原因取消考试的全额退）", mandatory: true);
        rules.AddFee(FeeKind.Material, "纸质教材费（自愿选购）", 8500, TrainingCenterName, "教材寄出前全额退；寄出后不退", mandatory: false);
        rules.AddMaterial("photo", "本人近期证件照", "白底或蓝底正面免冠照片，用于准考证、证书和人脸比对底照", "jpg,png", 2048, required: true);
        rules.AddMaterial("education", "学历证明", "毕业证书照片或学信网学历证明 PDF", "jpg,png,pdf", 5120, required: true);
        rules.AddMaterial("experience", "工作年限证明", "工作单位出具并盖章的从业年限证明", "jpg,png,pdf", 5120, required: true);
        rules.AddMaterial("health", "健康声明", "签字的健康声明（自愿补充体检报告）", "jpg,png,pdf", 5120, required: false);
        db.Set<Project>().Add(project);
        db.Set<ProjectVersion>().Add(rules);
        var problems = project.PublishVersion(rules, null, null, now);
        if (problems.Count > 0) throw new InvalidOperationException("Demo project rules incomplete: " + string.Join("; ", problems));
        db.Set<QuestionBank>().Add(QuestionBank.Create(evaluation.Id, project.Id, "社会体育指导员（游泳）四级 理论知识题库", now));

        var n = 0;
        async Task<AppUser> Person(string userName, string name, string region6, string birth, string seq, bool learner, string region = "", string employer = "")
        {
            n++;
            var first17 = region6 + birth + seq;
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(), UserName = userName, RealName = name, IsLearner = learner, CreatedAtUtc = now, LockoutEnabled = true,
                Region = region, Employer = employer,
            };
            var id = IdNumberValidator.Check(IdDocumentType.MainlandId, first17 + IdNumberValidator.CheckDigit(first17), DateOnly.FromDateTime(now));
            user.Gender = id.Gender;
            user.BirthDate = id.BirthDate;
            registry.SetIdentity(user, IdDocumentType.MainlandId, id.Normalized);
            registry.SetPhone(user, $"1380000{n:D4}");
            var result = await users.CreateAsync(user, options.Password);
            if (!result.Succeeded) throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            return user;
        }

        void Grant(AppUser u, string role, Institution i) => db.Set<RoleGrant>().Add(RoleGrant.Create(u.Id, role, i.Id, null, null, now));

        Grant(await Person("operator", "刘芳", "440104", "19820315", "228", false), Roles.Operator, op);
        Grant(await Person("train.admin", "周敏", "440103", "19850521", "326", false), Roles.TrainingAdmin, training);
        Grant(await Person("train.reviewer", "郭倩", "440105", "19900802", "148", false), Roles.TrainingReviewer, training);
        Grant(await Person("train.teacher", "马骏", "440106", "19871112", "517", false), Roles.Teacher, training);
        Grant(await Person("train.finance", "唐悦", "440111", "19920430", "268", false), Roles.Finance, training);
        Grant(await Person("train.service", "许诺", "440112", "19960109", "384", false), Roles.CustomerService, training);
        Grant(await Person("eval.admin", "吴婷", "440113", "19830918", "626", false), Roles.EvaluationAdmin, evaluation);
        Grant(await Person("eval.proctor", "冯涛", "440114", "19800227", "713", false), Roles.Proctor, evaluation);
        Grant(await Person("eval.examiner", "韩雪", "440115", "19781206", "846", false), Roles.Examiner, evaluation);
        Grant(await Person("promo.agent", "何丽", "440117", "19930714", "962", false), Roles.PromotionAgent, promotion);
        Grant(await Person("regulator", "孙洁", "440118", "19810623", "482", false), Roles.Regulator, regulator);
        await Person("learner1", "张晓明", "440106", "19900307", "123", true, "广东省广州市天河区", "广州市天河区游泳馆");
        await Person("learner2", "李静", "440105", "19950612", "246", true);
        await Person("learner3", "王磊", "440111", "20010921", "135", true);

        audit.RecordAs(null, "system", "", null, "demo.seeded", "platform", "", new { institutions = 5, project = ProjectCode, accounts = n });
        await db.SaveChangesAsync(ct);
    }

    private static string Code(string first17) => first17 + CreditCodeValidator.CheckChar(first17);

    public static IReadOnlyList<DemoAccount> Accounts =>
    [
        new("operator", "刘芳", "平台运营人员", "TrainEval 平台运营中心"),
        new("train.admin", "周敏", "培训机构管理员", TrainingCenterName),
        new("train.reviewer", "郭倩", "报名审核员", TrainingCenterName),
        new("train.teacher", "马骏", "授课教师", TrainingCenterName),
        new("train.finance", "唐悦", "财务人员", TrainingCenterName),
        new("train.service", "许诺", "客服人员", TrainingCenterName),
        new("eval.admin", "吴婷", "评价机构管理员", "示例体育职业技能评价中心"),
        new("eval.proctor", "冯涛", "监考员", "示例体育职业技能评价中心"),
        new("eval.examiner", "韩雪", "考评员", "示例体育职业技能评价中心"),
        new("promo.agent", "何丽", "合作推广专员", "示例体育合作推广有限公司"),
        new("regulator", "孙洁", "监管人员", "示例市人力资源和社会保障局"),
        new("learner1", "张晓明", "学员", "", "资料已完善；也可用手机 13800000012 登录"),
        new("learner2", "李静", "学员", "", "待完善资料；手机 13800000013"),
        new("learner3", "王磊", "学员", "", "待完善资料；手机 13800000014"),
    ];

    private void Print()
    {
        var lines = new List<string> { "", "==== TrainEval demo accounts (password for all: " + options.Password + ") ====" };
        lines.AddRange(Accounts.Select(a => $"  {a.Login,-16} {a.Name,-4} {a.Role} {a.Institution} {a.Note}".TrimEnd()));
        lines.Add("================================================================");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
