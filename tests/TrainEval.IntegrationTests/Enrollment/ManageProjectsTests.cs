using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Demo;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Enrollment;

/// <summary>Project authoring by training-institution staff: create, edit the draft, publish, version (ENR-02, PAY-01, PAY-04, BAT-10).</summary>
public sealed class ManageProjectsTests : IClassFixture<TestAppFixture>
{
    private const string DemoProject = EnrollmentFlow.Project;
    private const string Training = DemoSeeder.TrainingCenterName;
    private const string DemoEvaluation = "示例体育职业技能评价中心";
    private readonly TestApp app;
    public ManageProjectsTests(TestAppFixture fixture) => app = fixture.App;

    // ---------- helpers ----------

    private async Task<HttpClient> AdminAsync()
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync("train.admin"));
        return c;
    }

    private Task<Guid> InstitutionIdAsync(string name) => app.WithDbAsync(db => db.Set<Institution>().Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    private static Dictionary<string, string> NewProject(string code, Guid evaluationId) => new()
    {
        ["Input.Code"] = code, ["Input.Name"] = "社会体育指导员（跑步）" + code, ["Input.Occupation"] = "社会体育指导员",
        ["Input.OccupationCode"] = "4-13-04-01", ["Input.Level"] = "4", ["Input.Audience"] = "年满 18 周岁的跑步爱好者",
        ["Input.Summary"] = "面向跑步项目四级/中级工的线上培训与评价。", ["Input.EvaluationInstitutionId"] = evaluationId.ToString(),
    };

    private async Task<Guid> CreateProjectAsync(HttpClient c, string code)
    {
        var response = await c.PostFormAsync("/workbench/projects", NewProject(code, await InstitutionIdAsync(DemoEvaluation)));
        EnrollmentFlow.Redirects(response);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private Task<ProjectVersion> VersionAsync(Guid projectId, int no) => app.WithDbAsync(db => db.Set<ProjectVersion>().AsNoTracking()
        .Include(v => v.Fees).Include(v => v.Materials).SingleAsync(v => v.ProjectId == projectId && v.VersionNo == no));

    private Task<Project> ProjectAsync(Guid projectId) => app.WithDbAsync(db => db.Set<Project>().AsNoTracking().SingleAsync(p => p.Id == projectId));

    private static Dictionary<string, string> CompleteRules(Guid versionId) => new()
    {
        ["VersionId"] = versionId.ToString(),
        ["Rules.Audience"] = "年满 18 周岁，具有跑步运动基础，拟从事跑步指导工作的人员。",
        ["Rules.MinAge"] = "18", ["Rules.MaxAge"] = "60",
        ["Rules.EducationRequirement"] = "初中及以上学历。", ["Rules.ExperienceRequirement"] = "从事本职业 2 年以上。",
        ["Rules.HealthRequirement"] = "身体健康。", ["Rules.OtherConditions"] = "",
        ["Rules.LearningRequirements"] = "线上学习全部课程模块，有效学习时长不少于 540 分钟。",
        ["Rules.CompletionRule"] = "全部模块完成、有效学时达标、模拟测验不低于 60 分。",
        ["Rules.ExamRules"] = "理论知识线上考试 90 分钟，60 分合格；技能操作现场考核。",
        ["Rules.MakeupRules"] = "首次不合格者可在 12 个月内补考 1 次。",
        ["Rules.CertificateRules"] = "理论与技能均合格后由评价机构核发职业技能等级证书。",
        ["Rules.CourseForm"] = "录播视频 + 直播答疑 + 在线练习。",
        ["Rules.RefundRules"] = "开通前全额退费；开通后 7 日内且进度不足 10% 退培训费的 50%；机构原因全额退费。\n退费在 7 个工作日内原路退回。",
        ["Rules.ComplaintChannel"] = "客服电话 020-80000002；监管部门 12333。",
        ["Rules.RefundPercentAfterActivation"] = "50", ["Rules.LearningValidityDays"] = "365", ["Rules.ReplayValidityDays"] = "365",
        ["Rules.ReviewTimeLimitHours"] = "72",
        ["Rules.EnrollmentOpens"] = "2026-11-20T09:00", ["Rules.EnrollmentCloses"] = "2027-05-31T17:00",
    };

    private static Dictionary<string, string> FeeForm(Guid versionId, string kind, string name, string amount, bool mandatory = true) => new()
    {
        ["VersionId"] = versionId.ToString(), ["Fee.Kind"] = kind, ["Fee.Name"] = name, ["Fee.Amount"] = amount,
        ["Fee.Payee"] = Training, ["Fee.RefundRule"] = "开通前全额退；开通后按公示比例退", ["Fee.Mandatory"] = mandatory ? "true" : "false",
    };

    /// <summary>POSTs repeated field names (checkbox lists) with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostPairsAsync(HttpClient c, string url, string handler, params (string Key, string Value)[] fields)
    {
        var page = await c.GetStringAsync(url);
        var content = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.Token(page)) };
        content.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await c.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(content));
    }

    /// <summary>Posts the material form like a browser: ticked checkboxes send "true" before the hidden "false".</summary>
    private static Task<HttpResponseMessage> AddMaterialAsync(HttpClient c, Guid projectId, Guid versionId, string key, string name, string[] formats, bool required = true)
        => PostPairsAsync(c, $"/workbench/projects/{projectId}", "AddMaterial",
            [("VersionId", versionId.ToString()), ("Material.Key", key), ("Material.Name", name), ("Material.Description", name + "（清晰完整）"),
             .. formats.Select(f => ("Material.Formats", f)), ("Material.MaxSizeKb", "2048"),
             .. (required ? new[] { ("Material.Required", "true") } : []), ("Material.Required", "false")]);

    /// <summary>Creates a project and fills its first draft completely (rules, two mandatory fees, one optional, three materials).</summary>
    private async Task<(Guid ProjectId, Guid VersionId)> ReadyProjectAsync(HttpClient c, string code)
    {
        var id = await CreateProjectAsync(c, code);
        var url = $"/workbench/projects/{id}";
        var v1 = (await VersionAsync(id, 1)).Id;
        EnrollmentFlow.Redirects(await c.PostFormAsync(url, CompleteRules(v1), "Rules"));
        EnrollmentFlow.Redirects(await c.PostFormAsync(url, FeeForm(v1, "Training", "培训费", "1680"), "AddFee"));
        EnrollmentFlow.Redirects(await c.PostFormAsync(url, FeeForm(v1, "Exam", "理论与技能考核费", "320.00"), "AddFee"));
        EnrollmentFlow.Redirects(await c.PostFormAsync(url, FeeForm(v1, "Material", "纸质教材费（自愿选购）", "85.50", mandatory: false), "AddFee"));
        EnrollmentFlow.Redirects(await AddMaterialAsync(c, id, v1, "photo", "本人近期证件照", ["jpg", "png"]));
        EnrollmentFlow.Redirects(await AddMaterialAsync(c, id, v1, "education", "学历证明", ["jpg", "png", "pdf"]));
        EnrollmentFlow.Redirects(await AddMaterialAsync(c, id, v1, "health", "健康声明", ["pdf"], required: false));
        return (id, v1);
    }

    private Task<int> AuditCountAsync(Guid projectId, string action)
        => app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.SubjectId == projectId.ToString() && a.Action == action));

    // ---------- tests ----------

    [Fact]
    public async Task ENR_02_staff_create_and_publish_a_project_with_itemised_fees()
    {
        var admin = await AdminAsync();
        Assert.Contains("data-testid=\"tile-projects\"", await admin.GetStringAsync("/workbench"));

        var id = await CreateProjectAsync(admin, "TEST-RUN-4");
        var url = $"/workbench/projects/{id}";
        var project = await ProjectAsync(id);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Null(project.CurrentVersionId);
        Assert.Equal(await InstitutionIdAsync(Training), project.TrainingInstitutionId);
        var draft = await VersionAsync(id, 1);
        Assert.Equal(VersionStatus.Draft, draft.Status);
        var page = await admin.GetStringAsync(url);
        Assert.Contains("data-testid=\"publish-checklist\"", page);
        Assert.Contains("未公示收费项目", page);

        // Bad input is refused in Chinese and saves nothing.
        var audits = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync());
        var rules = CompleteRules(draft.Id);
        rules["Rules.EnrollmentCloses"] = "2026-11-01T09:00";
        rules["Rules.LearningValidityDays"] = "0";
        var badRules = await admin.PostFormAsync(url, rules, "Rules");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRules.StatusCode);
        var badRulesHtml = await badRules.Content.ReadAsStringAsync();
        Assert.Contains("报名截止时间应晚于报名开始时间", badRulesHtml);
        Assert.Contains("学习有效期（天）应为 1–3650 之间的整数", badRulesHtml);
        var badAmount = await admin.PostFormAsync(url, FeeForm(draft.Id, "Training", "培训费", "1680.555"), "AddFee");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badAmount.StatusCode);
        Assert.Contains("最多两位小数", await badAmount.Content.ReadAsStringAsync());
        var badMaterial = await AddMaterialAsync(admin, id, draft.Id, "Photo!", "证件照", ["exe"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badMaterial.StatusCode);
        var badMaterialHtml = await badMaterial.Content.ReadAsStringAsync();
        Assert.Contains("材料标识只能由小写字母", badMaterialHtml);
        Assert.Contains("请选择可接受的文件格式", badMaterialHtml);
        Assert.Equal(audits, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync()));
        Assert.Empty((await VersionAsync(id, 1)).Fees);

        // Rules, itemised fees (one removed again, the rest renumbered), materials (one removed again).
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, CompleteRules(draft.Id), "Rules"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(draft.Id, "Certificate", "证书工本费", "50"), "AddFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(draft.Id, "Training", "培训费", "1,680.00"), "AddFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(draft.Id, "Exam", "理论与技能考核费", "320"), "AddFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(draft.Id, "Material", "纸质教材费（自愿选购）", "85.5", mandatory: false), "AddFee"));
        var certificate = (await VersionAsync(id, 1)).Fees.Single(f => f.Name == "证书工本费");
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = draft.Id.ToString(), ["ItemId"] = certificate.Id.ToString() }, "RemoveFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(draft.Id, "Certificate", "证书工本费", "50"), "AddFee"));
        EnrollmentFlow.Redirects(await AddMaterialAsync(admin, id, draft.Id, "photo", "本人近期证件照", ["jpg", "png"]));
        EnrollmentFlow.Redirects(await AddMaterialAsync(admin, id, draft.Id, "education", "学历证明", ["jpg", "png", "pdf"]));
        EnrollmentFlow.Redirects(await AddMaterialAsync(admin, id, draft.Id, "health", "健康声明", ["pdf"], required: false));
        var education = (await VersionAsync(id, 1)).Materials.Single(m => m.Key == "education");
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = draft.Id.ToString(), ["ItemId"] = education.Id.ToString() }, "RemoveMaterial"));

        draft = await VersionAsync(id, 1);
        Assert.Equal(["培训费", "理论与技能考核费", "纸质教材费（自愿选购）", "证书工本费"], draft.Fees.OrderBy(f => f.Order).Select(f => f.Name));
        Assert.Equal([1, 2, 3, 4], draft.Fees.OrderBy(f => f.Order).Select(f => f.Order));
        Assert.Equal([168000L, 32000L, 8550L, 5000L], draft.Fees.OrderBy(f => f.Order).Select(f => f.AmountFen));
        Assert.False(draft.Fees.Single(f => f.Name.StartsWith("纸质", StringComparison.Ordinal)).Mandatory);
        Assert.Equal(["photo", "health"], draft.Materials.OrderBy(m => m.Order).Select(m => m.Key));
        Assert.Equal("jpg,png", draft.Materials.Single(m => m.Key == "photo").AcceptedFormats);
        Assert.True(draft.Materials.Single(m => m.Key == "photo").Required);
        Assert.False(draft.Materials.Single(m => m.Key == "health").Required);   // unticked: only the hidden "false" is posted
        Assert.Equal(new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc), draft.EnrollmentOpensAtUtc);   // Beijing 09:00 → 01:00 UTC
        Assert.Equal(new DateTime(2027, 5, 31, 9, 0, 0, DateTimeKind.Utc), draft.EnrollmentClosesAtUtc);
        Assert.Equal(50, draft.RefundPercentAfterActivation);
        Assert.Contains("\n退费在 7 个工作日内", draft.RefundRules);
        Assert.Empty(draft.PublicationProblems());
        page = await admin.GetStringAsync(url);
        Assert.Contains("data-testid=\"rules-preview\"", page);
        Assert.Contains("¥1,680.00", page);
        Assert.Contains("value=\"2026-11-20T09:00\"", page);

        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = draft.Id.ToString() }, "Publish"));
        project = await ProjectAsync(id);
        var published = await VersionAsync(id, 1);
        Assert.Equal(ProjectStatus.Published, project.Status);
        Assert.Equal(published.Id, project.CurrentVersionId);
        Assert.Equal(VersionStatus.Published, published.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, published.PublishedAtUtc);
        Assert.NotNull(published.PublishedBy);

        var list = await admin.GetStringAsync("/workbench/projects");
        Assert.Contains("data-code=\"TEST-RUN-4\"", list);
        var disclosure = await app.Browser().GetStringAsync("/projects/TEST-RUN-4");
        foreach (var text in new[] { "培训费", "¥1,680.00", "理论与技能考核费", "¥85.50", "自愿选择", Training, "退费规则" })
            Assert.Contains(text, disclosure);
        foreach (var action in new[] { "project.created", "project.rules_updated", "project.fee_added", "project.fee_removed", "project.material_added",
                     "project.material_removed", "project.published" })
            Assert.True(await AuditCountAsync(id, action) > 0, action);
        var after = await admin.GetStringAsync(url);
        Assert.Contains("data-testid=\"version-new\"", after);
        Assert.DoesNotContain("data-testid=\"rules-form\"", after);
    }

    [Fact]
    public async Task PAY_01_vague_fee_names_are_refused_at_publication()
    {
        var admin = await AdminAsync();
        var (id, v1) = await ReadyProjectAsync(admin, "TEST-VAGUE-4");
        var url = $"/workbench/projects/{id}";

        // The form already refuses a catch-all name …
        var refused = await admin.PostFormAsync(url, FeeForm(v1, "Other", "综合服务费", "200"), "AddFee");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("含义模糊", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain((await VersionAsync(id, 1)).Fees, f => f.Name == "综合服务费");

        // … and publication refuses one that reached the draft another way (e.g. carried over from an older version).
        await app.WithDbAsync(async db =>
        {
            var draft = await db.Set<ProjectVersion>().Include(v => v.Fees).SingleAsync(v => v.Id == v1);
            db.Add(draft.AddFee(FeeKind.Other, "其他费用", 5000, Training, "不退", mandatory: false));
            return await db.SaveChangesAsync();
        });
        var publish = await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v1.ToString() }, "Publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        var html = await publish.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", html);
        Assert.Contains("收费项目“其他费用”：名称含义模糊", html);
        var project = await ProjectAsync(id);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Null(project.CurrentVersionId);
        Assert.Equal(VersionStatus.Draft, (await VersionAsync(id, 1)).Status);
        Assert.Equal(0, await AuditCountAsync(id, "project.published"));

        var vague = (await VersionAsync(id, 1)).Fees.Single(f => f.Name == "其他费用");
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v1.ToString(), ["ItemId"] = vague.Id.ToString() }, "RemoveFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v1.ToString() }, "Publish"));
        Assert.Equal(ProjectStatus.Published, (await ProjectAsync(id)).Status);
    }

    [Fact]
    public async Task ENR_02_published_version_is_frozen_and_a_new_version_applies_only_to_new_enrollments()
    {
        var admin = await AdminAsync();
        var (id, v1) = await ReadyProjectAsync(admin, "TEST-FROZEN-4");
        var url = $"/workbench/projects/{id}";
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v1.ToString() }, "Publish"));
        var v1Before = await VersionAsync(id, 1);

        // A learner enrolls under version 1.
        var enrollmentId = await app.WithDbAsync(async db =>
        {
            var learnerId = await db.Set<AppUser>().Where(u => u.UserName == "learner1").Select(u => u.Id).SingleAsync();
            var project = await db.Set<Project>().SingleAsync(p => p.Id == id);
            var version = await db.Set<ProjectVersion>().SingleAsync(v => v.Id == v1);
            var enrollment = EnrollmentApplication.Start(learnerId, project, version, EnrollmentChannel.Official, null, null, app.Clock.GetUtcNow().UtcDateTime);
            db.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });

        // The published version refuses every edit.
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ("AddFee", FeeForm(v1, "Training", "培训费（加急班）", "2680")),
                     ("Rules", CompleteRules(v1)),
                     ("RemoveFee", new() { ["VersionId"] = v1.ToString(), ["ItemId"] = v1Before.Fees.First().Id.ToString() }),
                     ("RemoveMaterial", new() { ["VersionId"] = v1.ToString(), ["ItemId"] = v1Before.Materials.First().Id.ToString() }),
                     ("Publish", new() { ["VersionId"] = v1.ToString() }),
                 })
        {
            var frozen = await admin.PostFormAsync(url, fields, handler);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, frozen.StatusCode);
            Assert.Contains("规则已冻结", await frozen.Content.ReadAsStringAsync());
        }
        var frozenMaterial = await AddMaterialAsync(admin, id, v1, "idcard", "身份证", ["jpg"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, frozenMaterial.StatusCode);

        // Version 2: a copy of version 1 with a new training fee.
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string>(), "NewVersion"));
        var again = await admin.PostFormAsync(url, new Dictionary<string, string>(), "NewVersion");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("第 2 版草稿尚未发布", await again.Content.ReadAsStringAsync());
        var v2 = await VersionAsync(id, 2);
        Assert.Equal(VersionStatus.Draft, v2.Status);
        Assert.Equal(v1Before.Fees.OrderBy(f => f.Order).Select(f => (f.Name, f.AmountFen)), v2.Fees.OrderBy(f => f.Order).Select(f => (f.Name, f.AmountFen)));
        Assert.Equal(v1Before.Materials.OrderBy(m => m.Order).Select(m => (m.Key, m.Order, m.Required)), v2.Materials.OrderBy(m => m.Order).Select(m => (m.Key, m.Order, m.Required)));
        Assert.Equal(v1Before.RefundRules, v2.RefundRules);
        Assert.Equal((await ProjectAsync(id)).CurrentVersionId, v1);        // the draft changes nothing until published
        var oldFee = v2.Fees.Single(f => f.Name == "培训费");
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v2.Id.ToString(), ["ItemId"] = oldFee.Id.ToString() }, "RemoveFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, FeeForm(v2.Id, "Training", "培训费", "1880"), "AddFee"));
        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["VersionId"] = v2.Id.ToString() }, "Publish"));

        var project = await ProjectAsync(id);
        var v1After = await VersionAsync(id, 1);
        var v2After = await VersionAsync(id, 2);
        Assert.Equal(v2.Id, project.CurrentVersionId);
        Assert.Equal(VersionStatus.Published, v2After.Status);
        Assert.Equal(VersionStatus.Superseded, v1After.Status);
        Assert.Equal(v1Before.PublishedAtUtc, v1After.PublishedAtUtc);
        Assert.Equal(v1Before.Fees.OrderBy(f => f.Order).Select(f => (f.Id, f.Name, f.AmountFen, f.Order)),
            v1After.Fees.OrderBy(f => f.Order).Select(f => (f.Id, f.Name, f.AmountFen, f.Order)));
        Assert.Equal(168000, v1After.Fees.Single(f => f.Name == "培训费").AmountFen);
        Assert.Equal(188000, v2After.Fees.Single(f => f.Name == "培训费").AmountFen);
        Assert.Equal(v1, await app.WithDbAsync(db => db.Set<EnrollmentApplication>().Where(a => a.Id == enrollmentId).Select(a => a.ProjectVersionId).SingleAsync()));

        var history = await admin.GetStringAsync(url);
        Assert.Contains("data-version=\"1\" data-status=\"Superseded\"", history);
        Assert.Contains("data-version=\"2\" data-status=\"Published\"", history);
        Assert.Contains("¥1,880.00", await app.Browser().GetStringAsync("/projects/TEST-FROZEN-4"));
        Assert.Equal(1, await AuditCountAsync(id, "project.version_drafted"));
        Assert.Equal(2, await AuditCountAsync(id, "project.published"));
    }

    [Fact]
    public async Task BAT_10_project_linking_institutions_with_shared_staff_is_refused()
    {
        // A second evaluation institution in which the training institution's teacher also examines.
        var evaluationId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var evaluation = Institution.Create(InstitutionKind.Evaluation, "示例第二职业技能评价中心", "52440106MJL007777",
                "广州市番禺区 1 号", "钟南", "钟北", "020-88880000", "广东省广州市", now);
            db.Add(evaluation);
            var teacher = await db.Set<AppUser>().Where(u => u.UserName == "train.teacher").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(teacher, Roles.Examiner, evaluation.Id, null, null, now));
            await db.SaveChangesAsync();
            return evaluation.Id;
        });

        var admin = await AdminAsync();
        var before = await DbSnapshot.TakeAsync(app);
        var response = await admin.PostFormAsync("/workbench/projects", NewProject("TEST-SHARED-4", evaluationId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("考培分离", html);
        Assert.Contains("示例第二职业技能评价中心", html);
        Assert.False(await app.WithDbAsync(db => db.Set<Project>().AnyAsync(p => p.Code == "TEST-SHARED-4")));
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));

        // The training institution itself can never be the evaluator either.
        var training = await InstitutionIdAsync(Training);
        var self = await admin.PostFormAsync("/workbench/projects", NewProject("TEST-SELF-4", training));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<Project>().AnyAsync(p => p.Code == "TEST-SELF-4")));
    }

    [Fact]
    public async Task Learners_and_other_institutions_cannot_manage_projects()
    {
        var demo = await app.WithDbAsync(db => db.Set<Project>().AsNoTracking().SingleAsync(p => p.Code == DemoProject));
        var demoUrl = $"/workbench/projects/{demo.Id}";
        var versionsBefore = await app.WithDbAsync(db => db.Set<ProjectVersion>().CountAsync(v => v.ProjectId == demo.Id));

        foreach (var login in new[] { "learner1", "train.reviewer", "eval.admin" })
        {
            var c = app.Browser();
            EnrollmentFlow.Redirects(await c.LoginAsync(login));
            foreach (var url in new[] { "/workbench/projects", demoUrl })
            {
                var r = await c.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
                Assert.Contains("/Accounts/AccessDenied", r.Headers.Location?.OriginalString);
            }
            var token = Forms.Token(await c.GetStringAsync("/Accounts/Profile"));
            var post = await c.PostAsync(demoUrl + "?handler=NewVersion",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Contains("/Accounts/AccessDenied", post.Headers.Location?.OriginalString);
        }

        // The admin of another training institution sees none of this institution's projects and cannot touch them.
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var other = Institution.Create(InstitutionKind.Training, "示例第二体育培训学校", "52440106MJL00888X", "广州市黄埔区 2 号",
                "钟南", "钟北", "020-88881111", "广东省广州市", now);
            db.Add(other);
            var user = await db.Set<AppUser>().Where(u => u.UserName == "learner3").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.TrainingAdmin, other.Id, null, null, now));
            return await db.SaveChangesAsync();
        });
        var outsider = app.Browser();
        EnrollmentFlow.Redirects(await outsider.LoginAsync("learner3"));
        var list = await outsider.GetAsync("/workbench/projects");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain($"data-code=\"{DemoProject}\"", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(demoUrl)).StatusCode);
        var before = await DbSnapshot.TakeAsync(app);
        var token2 = Forms.Token(await outsider.GetStringAsync("/workbench/projects"));
        var attempt = await outsider.PostAsync(demoUrl + "?handler=NewVersion",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token2 }));
        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal(versionsBefore, await app.WithDbAsync(db => db.Set<ProjectVersion>().CountAsync(v => v.ProjectId == demo.Id)));
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }
}
