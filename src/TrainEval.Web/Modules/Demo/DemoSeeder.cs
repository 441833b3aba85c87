using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Demo;

/// <summary>
/// Seeds a demo platform so a person can click through the flow: one institution of each kind, staff for every
/// role, three learners and one published project with modules and an exam question bank with a theory paper.
/// Idempotent: the training institution's credit code marks a seeded database. Composes several modules'
/// entities directly, which only this seeder may do (see the architecture tests).
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RealNameRegistry registry, AuditLog audit,
    DemoOptions options, TimeProvider clock, ILogger<DemoSeeder> log, IFileStore files, IHostEnvironment env, IConfiguration configuration) : IStartupTask
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
        await SeedCourseAsync(ct);
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

    /// <summary>Titles of the demo course's units (their ids are ordinary version-7 GUIDs; look them up by title).</summary>
    public static class DemoCourse
    {
        public const string Video1 = "社会体育指导员职业守则";
        public const string Document1 = "游泳运动发展简史（讲义）";
        public const string Video2 = "蛙泳技术要领与分解教学";
        public const string Live = "直播答疑：自由泳常见错误纠正";
        public const string Video3 = "溺水识别与岸上救护";
        public const string Document2 = "心肺复苏操作要点（讲义）";
        public const string Video4 = "游泳场所开放管理与水质卫生";
        public const string SelfTest = "模拟测验：理论知识";
        public const string MediaFile = "demo-lesson.mp4";
    }

    /// <summary>
    /// The demo project's course (LRN-01, LRN-02): sections from its modules, two or three units each — four videos
    /// (one committed synthetic MP4, see DemoMedia/README.md), two PDF handouts generated here, a live Q&amp;A a month
    /// ahead and a self-test last that needs the videos. Chains: video 1.1 is open, 2.1 needs 1.1, 3.1 needs 2.1,
    /// 4.1 needs 3.1. The course gets the demo practice questions (<see cref="DemoPractice"/>). Idempotent: the course is
    /// made once per database (also on databases seeded before courses existed), the questions once per course.
    /// </summary>
    private async Task SeedCourseAsync(CancellationToken ct)
    {
        var project = await db.Set<Project>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == ProjectCode, ct);
        if (project is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var teacher = await db.Set<AppUser>().Where(u => u.UserName == "train.teacher").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;
        var courseId = await db.Set<Course>().Where(c => c.ProjectId == project.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                       ?? await CreateDemoCourseAsync(project, teacher, now, ct);
        if (courseId is { } id) await DemoPractice.SeedAsync(db, id, teacher, now, ct);   // idempotent too
        var bank = await db.Set<QuestionBank>().AsNoTracking().FirstOrDefaultAsync(b => b.ProjectId == project.Id, ct);
        var evalAdmin = await db.Set<AppUser>().Where(u => u.UserName == "eval.admin").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;
        if (bank is not null) await DemoExams.SeedAsync(db, bank.Id, project.Id, evalAdmin, now, ct);   // idempotent too
        await Commitments.DefaultTexts.SeedDemoAsync(db, project.Id, project.TrainingInstitutionId, project.EvaluationInstitutionId, teacher, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stages the demo course and its units (the caller saves); null when the project lacks its modules.</summary>
    private async Task<Guid?> CreateDemoCourseAsync(Project project, Guid teacher, DateTime now, CancellationToken ct)
    {
        var modules = await db.Set<ProjectModule>().AsNoTracking().Where(m => m.ProjectId == project.Id).OrderBy(m => m.Order).ToListAsync(ct);
        if (modules.Count < 5) return null;

        var course = Course.Create(project.Id, project.TrainingInstitutionId, project.Name,
            "依据《社会体育指导员国家职业技能标准》（游泳）四级的知识与技能点编排：录播视频、直播答疑（含回放）、讲义资料与模拟测验。", now);
        db.Set<Course>().Add(course);
        var sections = modules.Select(m => CourseSection.Create(course.Id, m.Order, m.Title, m.KnowledgePoints)).ToList();
        db.Set<CourseSection>().AddRange(sections);

        var video = await StoreDemoVideoAsync(ct);
        var handout1 = await StoreHandoutAsync(DemoCourse.Document1, SwimmingHistory, ct);
        var handout2 = await StoreHandoutAsync(DemoCourse.Document2, CprSteps, ct);

        var order = new Dictionary<Guid, int>();
        CourseUnit Unit(CourseSection section, UnitKind kind, string title, string knowledgePoint)
        {
            order[section.Id] = order.GetValueOrDefault(section.Id) + 1;
            var unit = CourseUnit.Create(course.Id, section.Id, order[section.Id], kind, title, knowledgePoint, required: true, teacher, now);
            db.Set<CourseUnit>().Add(unit);
            return unit;
        }
        CourseUnit Video(CourseSection section, string title, string knowledgePoint)
        {
            var unit = Unit(section, UnitKind.Video, title, knowledgePoint);
            if (video is { } v) unit.AttachFile(v.File.Key, v.File.Sha256, v.File.Length, "video/mp4", v.Seconds);
            return unit;
        }
        CourseUnit Document(CourseSection section, string title, string knowledgePoint, StoredFile? file, int minutes)
        {
            var unit = Unit(section, UnitKind.Document, title, knowledgePoint);
            unit.SetReadingMinutes(minutes);
            if (file is not null) unit.AttachFile(file.Key, file.Sha256, file.Length, "application/pdf", minutes * 60);
            return unit;
        }

        var v1 = Video(sections[0], DemoCourse.Video1, "1.1 职业守则");
        Document(sections[0], DemoCourse.Document1, "1.2 游泳运动发展", handout1, 15);
        var v2 = Video(sections[1], DemoCourse.Video2, "2.1 技术要领；2.2 分解教学");
        var live = Unit(sections[1], UnitKind.Live, DemoCourse.Live, "2.3 常见错误纠正");
        var liveStart = (now + TimeSpan.FromHours(8)).Date.AddDays(30).AddHours(19.5) - TimeSpan.FromHours(8);   // 19:30 Beijing, a month ahead
        live.ScheduleLive(DateTime.SpecifyKind(liveStart, DateTimeKind.Utc), 90, "https://live.example.com/rooms/ssi-swim-4-qa");
        var v3 = Video(sections[2], DemoCourse.Video3, "3.1 溺水识别；3.2 岸上与水中救护");
        Document(sections[2], DemoCourse.Document2, "3.3 心肺复苏", handout2, 10);
        var v4 = Video(sections[3], DemoCourse.Video4, "4.1 水质与卫生；4.2 开放管理");
        var test = Unit(sections[4], UnitKind.SelfTest, DemoCourse.SelfTest, "理论知识综合");
        test.SetSelfTest(questionCount: 10, passPercent: 60, timeLimitMinutes: 20);

        db.Set<UnitPrerequisite>().AddRange(
            UnitPrerequisite.Create(v2.Id, v1.Id), UnitPrerequisite.Create(v3.Id, v2.Id), UnitPrerequisite.Create(v4.Id, v3.Id),
            UnitPrerequisite.Create(test.Id, v1.Id), UnitPrerequisite.Create(test.Id, v2.Id), UnitPrerequisite.Create(test.Id, v3.Id),
            UnitPrerequisite.Create(test.Id, v4.Id));
        audit.RecordAs(null, "system", "", null, "demo.course_seeded", "course", course.Id.ToString(),
            new { project = ProjectCode, units = order.Values.Sum(), video = video?.File.Key, handouts = handout1 is not null });
        log.LogInformation("Demo course staged for {Project}", ProjectCode);
        return course.Id;
    }

    private async Task<(StoredFile File, double Seconds)?> StoreDemoVideoAsync(CancellationToken ct)
    {
        var path = new[] { AppContext.BaseDirectory, env.ContentRootPath }.Select(d => Path.Combine(d, "DemoMedia", DemoCourse.MediaFile)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            log.LogWarning("Demo video DemoMedia/{File} not found; the demo video units stay without a file", DemoCourse.MediaFile);
            return null;
        }
        await using var stream = File.OpenRead(path);
        var (info, error) = Mp4Inspector.Inspect(stream);
        if (info is null) throw new InvalidOperationException($"Demo video {path} is invalid: {error}");
        stream.Position = 0;
        return (await files.SaveAsync(stream, ct), Math.Round(info.DurationSeconds, 3));
    }

    /// <summary>A one-page Chinese handout (PDFsharp, embedded CJK font), checked like any uploaded PDF.</summary>
    private async Task<StoredFile?> StoreHandoutAsync(string title, IReadOnlyList<string> paragraphs, CancellationToken ct)
    {
        try
        {
            CjkFontResolver.EnsureRegistered(configuration);
        }
        catch (FileNotFoundException e)
        {
            log.LogWarning("{Message} The demo handouts stay without a file.", e.Message);
            return null;
        }
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = TrainingCenterName;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var encoding = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var titleFont = new XFont(CjkFontResolver.FamilyName, 18, XFontStyleEx.Bold, encoding);
            var body = new XFont(CjkFontResolver.FamilyName, 11, XFontStyleEx.Regular, encoding);
            var small = new XFont(CjkFontResolver.FamilyName, 9, XFontStyleEx.Regular, encoding);
            const double left = 60;
            var width = page.Width.Point - 2 * left;
            var y = PdfText.DrawWrapped(gfx, title, titleFont, XBrushes.Black, left, 60, width);
            y = PdfText.DrawWrapped(gfx, "社会体育指导员（游泳）四级 · 课程讲义", small, XBrushes.Gray, left, y + 4, width) + 12;
            foreach (var p in paragraphs) y = PdfText.DrawWrapped(gfx, p, body, XBrushes.Black, left, y, width) + 8;
            PdfText.DrawWrapped(gfx, $"{TrainingCenterName} 编 · 仅供本平台学员学习使用", small, XBrushes.Gray, left, page.Height.Point - 60, width);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        var (checkedPdf, error) = UploadInspector.Inspect(output.ToArray(), ["pdf"], 10240);
        if (checkedPdf is null) throw new InvalidOperationException($"Demo handout '{title}' fails the upload check: {error}");
        return await files.SaveAsync(new MemoryStream(checkedPdf.Content), ct);
    }

    private static readonly string[] SwimmingHistory =
    [
        "一、游泳运动的起源。游泳是人类在长期生产劳动和与自然斗争中逐步形成的生存技能。我国古代典籍中已有关于泅水、游水的记载。",
        "二、竞技游泳的发展。现代竞技游泳包括自由泳、仰泳、蛙泳、蝶泳四种泳姿及混合泳和接力项目。1896 年第一届现代奥运会即设有游泳比赛。",
        "三、群众游泳的普及。游泳是全民健身的重要项目。社会体育指导员在游泳场所开展技术指导、安全教育和健身咨询，帮助群众科学、安全地参与游泳运动。",
        "四、学习要点。了解游泳运动的发展历程与项目分类；理解群众游泳与竞技游泳的区别；认识社会体育指导员在推广游泳运动中的职责。",
    ];

    private static readonly string[] CprSteps =
    [
        "一、评估环境与意识。确认现场安全，轻拍患者双肩并大声呼唤，判断有无反应；同时观察胸廓起伏，判断有无正常呼吸（不超过 10 秒）。",
        "二、呼救。指定旁人拨打 120 并取来自动体外除颤器（AED）。",
        "三、胸外按压。患者仰卧于坚实平面，按压部位为两乳头连线中点（胸骨下半部），按压深度 5～6 厘米，频率 100～120 次/分钟，每次按压后让胸廓充分回弹。",
        "四、开放气道与人工呼吸。仰头提颏法开放气道，清除口中异物；按压与通气之比为 30:2。溺水者应尽早给予人工呼吸。",
        "五、使用 AED。AED 到达后立即开机，按语音提示贴放电极片、分析心律，需要时除颤，之后立即继续胸外按压。",
    ];

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
