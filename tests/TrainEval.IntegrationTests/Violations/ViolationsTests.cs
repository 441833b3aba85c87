using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Modules.Violations;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using static TrainEval.IntegrationTests.Violations.ViolationsKit;

namespace TrainEval.IntegrationTests.Violations;

/// <summary>
/// VIO-01 / VIO-02 through the staff and learner pages: record with evidence, four-eyes confirmation with its
/// consequences (results voided through the exams API, bans in China time), dismissal, correction, bans enforced at
/// enrollment and lifted early only by an admin; bad input changes nothing.
/// </summary>
public sealed class ViolationsTests(ViolationsFixture fixture) : IClassFixture<ViolationsFixture>
{
    private readonly TestApp app = fixture.App;
    private readonly FakeExamsApi exams = fixture.Exams;
    private const string Facts = "理论考试开考 20 分钟后，监考员发现该考生在座位上使用手机查看资料，经提醒后仍未交出。";

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private (Web.Modules.Exams.Public.SittingInfo Theory, Web.Modules.Exams.Public.SittingInfo Practical) Batch(EnrolledLearner l, string batch)
        => (exams.AddSitting(l.ProjectId, l.EvaluationInstitutionId, batch, "理论知识", Now.AddHours(-1), l.LearnerId),
            exams.AddSitting(l.ProjectId, l.EvaluationInstitutionId, batch, "技能操作", Now.AddHours(-3), l.LearnerId));

    private T Api<T>(Func<IServiceProvider, T> get)
    {
        var scope = app.Services.CreateScope();
        return get(scope.ServiceProvider);
    }

    /// <summary>The learner's messages from the violations module (enrollment sends its own).</summary>
    private Task<List<InboxMessage>> InboxAsync(Guid learnerId)
        => app.WithDbAsync(db => db.Set<InboxMessage>().AsNoTracking().Where(m => m.UserId == learnerId && m.Link == "/my/violations").ToListAsync());

    [Fact]
    public async Task VIO_01_tier1_voids_this_subject_only()
    {
        var l = await EnrolledLearnerAsync(app, "930");
        var (theory, _) = Batch(l, "2026 年第 4 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        var id = await RecordedAsync(proctor, Form(l, "1-1", Facts, ChinaNow(app), theory.Id), ("监考记录.png", EnrollmentFlow.Png()));

        var recorded = await ViolationAsync(app, id);
        Assert.Equal(ViolationState.Recorded, recorded.State);
        Assert.Equal(1, recorded.Tier);
        Assert.Contains("理论知识", recorded.SittingLabel);
        Assert.Empty(exams.VoidsOf(l.LearnerId));                                   // nothing happens before confirmation
        Assert.Empty(await InboxAsync(l.LearnerId));

        var admin = await fixture.StaffAsync("eval.admin");
        EnrollmentFlow.Redirects(await DecideAsync(admin, id, "Confirm", "监控录像与监考记录一致"));
        var call = Assert.Single(exams.VoidsOf(l.LearnerId));
        Assert.Equal(theory.Id, call.SittingId);
        Assert.False(call.WholeBatch);
        Assert.Equal(id, call.ViolationId);
        var v = await ViolationAsync(app, id);
        Assert.Equal(ViolationState.Confirmed, v.State);
        Assert.Equal("吴婷", v.DecidedByName);
        Assert.Contains("取消当次该科目（理论知识）成绩，作废作答 1 份", v.Consequence);
        Assert.Null(v.BanId);
        Assert.Null(await Api(sp => sp.GetRequiredService<IBansApi>()).ActiveBanAsync(l.LearnerId, Now, default));

        var message = Assert.Single(await InboxAsync(l.LearnerId));
        Assert.Contains("一级违纪", message.Body);
        Assert.Contains("携带禁携物品", message.Body);
        Assert.Contains("提出复核申请", message.Body);
        Assert.Equal("/my/violations", message.Link);
        var mine = await l.Client.GetStringAsync("/my/violations");
        Assert.Contains("data-testid=\"my-violation\"", mine);
        Assert.Contains("第 1 条第（1）项", mine);
        Assert.Contains("示例体育职业技能评价中心提出复核申请", mine);
        Assert.Contains("my-bans-none", mine);

        var violations = Api(sp => sp.GetRequiredService<IViolationsApi>());
        Assert.False(await violations.HasSeriousViolationAsync(l.LearnerId, l.ProjectId, default));   // tier 1 is not cheating: makeup stays open
        var confirmed = Assert.Single(await violations.ConfirmedViolationsAsync(l.LearnerId, l.ProjectId, default));
        Assert.Equal("1-1", confirmed.ActCode);
        Assert.Contains(await violations.ConfirmedSinceAsync(Now.AddMinutes(-1), 100, default), c => c.Id == id);
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.SubjectId == l.LearnerId.ToString() && a.Action.StartsWith("violation."))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["violation.recorded", "violation.confirmed"], actions);
        Assert.Contains(id.ToString(), await admin.GetStringAsync("/workbench/violations?State=Confirmed&Tier=1"));
        Assert.DoesNotContain(id.ToString(), await admin.GetStringAsync("/workbench/violations?State=Recorded"));
        // The regulator sees every institution's records, read only.
        var regulator = await fixture.StaffAsync("regulator");
        Assert.Contains(id.ToString(), await regulator.GetStringAsync("/workbench/violations"));
        Assert.DoesNotContain("violation-decide", await regulator.GetStringAsync($"/workbench/violations/{id}"));
    }

    [Fact]
    public async Task VIO_01_tier2_voids_batch_and_bans_to_year_end()
    {
        var l = await EnrolledLearnerAsync(app, "931");
        var (theory, _) = Batch(l, "2026 年第 5 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        var id = await RecordedAsync(proctor, Form(l, "2-1", Facts, ChinaNow(app), theory.Id));
        EnrollmentFlow.Redirects(await DecideAsync(await fixture.StaffAsync("eval.admin"), id, "Confirm"));

        var call = Assert.Single(exams.VoidsOf(l.LearnerId));
        Assert.True(call.WholeBatch);
        var v = await ViolationAsync(app, id);
        Assert.Equal(2, v.VoidedAttempts);
        var ban = await app.WithDbAsync(db => db.Set<Ban>().AsNoTracking().SingleAsync(b => b.ViolationId == id));
        Assert.Equal(v.BanId, ban.Id);
        Assert.Equal(2, ban.Tier);
        Assert.Equal(Now, ban.StartsAtUtc);
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), ban.EndsAtUtc);   // 2027-01-01 00:00 Beijing
        Assert.Contains("取消当次（2026 年第 5 批次）全部科目成绩，作废作答 2 份", v.Consequence);
        Assert.Contains("2026 年内不得参加其他鉴定（禁考至 2026-12-31）", v.Consequence);
        Assert.True(await Api(sp => sp.GetRequiredService<IViolationsApi>()).HasSeriousViolationAsync(l.LearnerId, l.ProjectId, default));
        var mine = await l.Client.GetStringAsync("/my/violations");
        Assert.Contains("禁考中", mine);
        Assert.Contains("至 2026-12-31", mine);
        Assert.Contains("ban-row", await (await fixture.StaffAsync("eval.admin")).GetStringAsync("/workbench/violations/bans"));
    }

    [Fact]
    public async Task VIO_01_tier3_bans_two_years()
    {
        var l = await EnrolledLearnerAsync(app, "932");
        var (theory, _) = Batch(l, "2026 年第 6 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        // A tier-1 act raised to tier 3 for its circumstances (情节严重者加重处罚), with the reason recorded.
        var id = await RecordedAsync(proctor, Form(l, "1-3", "考生在考场内大声喧哗并辱骂监考人员，经多次提醒拒不改正，致使考试中断 15 分钟。", ChinaNow(app), theory.Id,
            tier: "3", raiseReason: "辱骂监考人员并致考试中断，情节严重"));
        var recorded = await ViolationAsync(app, id);
        Assert.Equal(3, recorded.Tier);
        Assert.Equal("辱骂监考人员并致考试中断，情节严重", recorded.TierRaiseReason);
        EnrollmentFlow.Redirects(await DecideAsync(await fixture.StaffAsync("eval.admin"), id, "Confirm"));

        Assert.True(Assert.Single(exams.VoidsOf(l.LearnerId)).WholeBatch);
        var ban = await app.WithDbAsync(db => db.Set<Ban>().AsNoTracking().SingleAsync(b => b.ViolationId == id));
        Assert.Equal(3, ban.Tier);
        Assert.Equal(Now.AddYears(2), ban.EndsAtUtc);
        var bans = Api(sp => sp.GetRequiredService<IBansApi>());
        Assert.Equal(ban.EndsAtUtc, (await bans.ActiveBanAsync(l.LearnerId, Now.AddYears(1), default))!.EndsAtUtc);
        Assert.Null(await bans.ActiveBanAsync(l.LearnerId, Now.AddYears(2), default));
        Assert.Contains("2 年内不得参加鉴定", (await ViolationAsync(app, id)).Consequence);
        Assert.Contains("因情节严重提高为三级", await l.Client.GetStringAsync("/my/violations"));
    }

    [Fact]
    public async Task VIO_01_confirmation_needs_a_second_person()
    {
        var l = await EnrolledLearnerAsync(app, "933");
        var (theory, _) = Batch(l, "2026 年第 7 批次");
        var admin = await fixture.StaffAsync("eval.admin");
        var id = await RecordedAsync(admin, Form(l, "2-2", "考生抄袭邻座考生答题卡，监考员当场发现并拍照留存。", ChinaNow(app), theory.Id));
        Assert.Contains("violation-four-eyes", await admin.GetStringAsync($"/workbench/violations/{id}"));
        var before = await CountsAsync(app);

        var own = await Unprocessable(await DecideAsync(admin, id, "Confirm"));
        Assert.Contains("双人复核", own);
        await Unprocessable(await DecideAsync(admin, id, "Dismiss", "本人记录有误"));
        var proctor = await fixture.StaffAsync("eval.proctor");           // may record, may not decide
        var denied = await DecideAsync(proctor, id, "Confirm");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location!.OriginalString);
        Assert.Equal(ViolationState.Recorded, (await ViolationAsync(app, id)).State);
        Assert.Empty(exams.VoidsOf(l.LearnerId));
        Assert.Equal(before, await CountsAsync(app));

        // A second person with the right to decide: 韩雪 made batch lead of the evaluation institution.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Set<AppUser>().Where(u => u.UserName == "eval.examiner").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.BatchLead, l.EvaluationInstitutionId, null, null, Now));
            return await db.SaveChangesAsync();
        });
        var second = await StaffAsync(app, "eval.examiner");
        EnrollmentFlow.Redirects(await DecideAsync(second, id, "Confirm", "证据确凿"));
        var v = await ViolationAsync(app, id);
        Assert.Equal(ViolationState.Confirmed, v.State);
        Assert.Equal("韩雪", v.DecidedByName);
        Assert.NotEqual(v.RecordedById, v.DecidedById);
        // Decided once: a replayed confirmation changes nothing.
        var bans = await app.WithDbAsync(db => db.Set<Ban>().CountAsync(b => b.ViolationId == id));
        Assert.Contains("不能重复处理", await Unprocessable(await DecideAsync(second, id, "Confirm")));
        Assert.Equal(bans, await app.WithDbAsync(db => db.Set<Ban>().CountAsync(b => b.ViolationId == id)));
        Assert.Single(exams.VoidsOf(l.LearnerId));
    }

    [Fact]
    public async Task VIO_02_ban_blocks_enrollment()
    {
        var l = await EnrolledLearnerAsync(app, "934");
        var proctor = await fixture.StaffAsync("eval.proctor");
        // False materials found outside any exam: no sitting, nothing to void, but the two-year ban applies.
        var id = await RecordedAsync(proctor, Form(l, "3-1", "经核查，该学员报名时提交的学历证明系伪造，发证学校出具书面说明。", ChinaNow(app, 60)),
            ("学校说明.pdf", EnrollmentFlow.Pdf()));
        EnrollmentFlow.Redirects(await DecideAsync(await fixture.StaffAsync("eval.admin"), id, "Confirm"));
        Assert.Empty(exams.VoidsOf(l.LearnerId));
        Assert.Contains("不涉及考试场次", (await ViolationAsync(app, id)).Consequence);

        // The enrollment is closed (e.g. refunded); a new one is refused while the ban lasts.
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var api = scope.ServiceProvider.GetRequiredService<IEnrollmentApi>();
            Assert.True(await api.StageCancellationAsync(l.EnrollmentId, "测试：关闭报名", default));
            return await scope.ServiceProvider.GetRequiredService<TrainEval.Web.Platform.Data.AppDbContext>().SaveChangesAsync();
        });
        var refused = await EnrollmentFlow.StepAsync(l.Client, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("因违纪处理", body);
        Assert.Contains(BanPeriods.ToChina(Now.AddYears(2)).ToString("yyyy-MM-dd"), body);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Enrollment.EnrollmentApplication>().CountAsync(a => a.LearnerId == l.LearnerId)));
    }

    [Fact]
    public async Task VIO_02_bans_api_honours_the_window_the_china_year_end_and_early_lifting()
    {
        var l = await EnrolledLearnerAsync(app, "935");
        var (theory, _) = Batch(l, "2026 年第 8 批次");
        var id = await RecordedAsync(await fixture.StaffAsync("eval.proctor"), Form(l, "2-4", "考生交卷时将试题纸藏于衣袋带出考场，在考点门口被工作人员查获。", ChinaNow(app), theory.Id));
        var admin = await fixture.StaffAsync("eval.admin");
        EnrollmentFlow.Redirects(await DecideAsync(admin, id, "Confirm"));
        var bans = Api(sp => sp.GetRequiredService<IBansApi>());
        var newYearChina = new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        Assert.Null(await bans.ActiveBanAsync(l.LearnerId, Now.AddSeconds(-1), default));                 // not before confirmation
        Assert.Equal(2, (await bans.ActiveBanAsync(l.LearnerId, Now, default))!.Tier);
        Assert.NotNull(await bans.ActiveBanAsync(l.LearnerId, newYearChina.AddSeconds(-1), default));      // 23:59:59 on 31 Dec in Beijing
        Assert.Null(await bans.ActiveBanAsync(l.LearnerId, newYearChina, default));                        // Beijing new year, still 31 Dec in UTC

        var ban = await app.WithDbAsync(db => db.Set<Ban>().AsNoTracking().SingleAsync(b => b.ViolationId == id));
        var lift = new Dictionary<string, string> { ["BanId"] = ban.Id.ToString(), ["Reason"] = "" };
        var proctor = await fixture.StaffAsync("eval.proctor");
        Assert.Contains("无权解除", await Unprocessable(await proctor.PostFormAsync("/workbench/violations/bans", new Dictionary<string, string>(lift) { ["Reason"] = "监考员想解除" }, "Lift")));
        Assert.Contains("须说明理由", await Unprocessable(await admin.PostFormAsync("/workbench/violations/bans", lift, "Lift")));
        Assert.NotNull(await bans.ActiveBanAsync(l.LearnerId, Now, default));

        app.Clock.Advance(TimeSpan.FromHours(1));
        EnrollmentFlow.Redirects(await admin.PostFormAsync("/workbench/violations/bans", new Dictionary<string, string>(lift) { ["Reason"] = "复核认定证据不足，撤销禁考" }, "Lift"));
        Assert.Null(await bans.ActiveBanAsync(l.LearnerId, Now, default));
        var lifted = await app.WithDbAsync(db => db.Set<Ban>().AsNoTracking().SingleAsync(b => b.Id == ban.Id));
        Assert.Equal(Now, lifted.LiftedAtUtc);
        Assert.Equal("吴婷", lifted.LiftedByName);
        Assert.Equal(ban.EndsAtUtc, lifted.EndsAtUtc);                                                     // the imposed window stays on record
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "violation.ban_lifted" && a.SubjectId == l.LearnerId.ToString())));
        Assert.Contains(await InboxAsync(l.LearnerId), m => m.Title == "禁考已解除");
        Assert.Contains("已提前解除", await l.Client.GetStringAsync("/my/violations"));
        Assert.Contains("已结束或已解除", await Unprocessable(await admin.PostFormAsync("/workbench/violations/bans", new Dictionary<string, string>(lift) { ["Reason"] = "再次解除试试" }, "Lift")));
    }

    [Fact]
    public async Task VIO_01_unknown_tier_or_act_changes_nothing()
    {
        var l = await EnrolledLearnerAsync(app, "936");
        var (theory, _) = Batch(l, "2026 年第 9 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        var before = await CountsAsync(app);
        var occurred = ChinaNow(app);

        Assert.Contains("请从目录中选择", await Unprocessable(await RecordAsync(proctor, Form(l, "9-9", Facts, occurred, theory.Id))));
        Assert.Contains("只能是一级、二级或三级", await Unprocessable(await RecordAsync(proctor, Form(l, "1-1", Facts, occurred, theory.Id, tier: "7", raiseReason: "情节特别严重"))));
        Assert.Contains("只能是一级、二级或三级", await Unprocessable(await RecordAsync(proctor, Form(l, "1-1", Facts, occurred, theory.Id, tier: "二级"))));
        Assert.Contains("不能低于三级", await Unprocessable(await RecordAsync(proctor, Form(l, "3-4", Facts, occurred, theory.Id, tier: "1", raiseReason: "初犯"))));
        Assert.Contains("须说明理由", await Unprocessable(await RecordAsync(proctor, Form(l, "1-1", Facts, occurred, theory.Id, tier: "3"))));
        Assert.Contains("请选择发生的考试场次", await Unprocessable(await RecordAsync(proctor, Form(l, "2-1", Facts, occurred))));
        Assert.Contains("不是该场次的考生", await Unprocessable(await RecordAsync(proctor, Form(l, "2-1", Facts, occurred, Guid.NewGuid()))));
        Assert.Contains("发生时间不能晚于", await Unprocessable(await RecordAsync(proctor, Form(l, "2-1", Facts, ChinaNow(app, -120), theory.Id))));
        Assert.Contains("不少于 10 个字", await Unprocessable(await RecordAsync(proctor, Form(l, "2-1", "作弊", occurred, theory.Id))));
        Assert.Contains("尖括号", await Unprocessable(await RecordAsync(proctor, Form(l, "2-1", "<script>alert(1)</script> 考生使用手机作弊", occurred, theory.Id))));

        Assert.Equal(before, await CountsAsync(app));
        Assert.Empty(exams.VoidsOf(l.LearnerId));
    }

    [Fact]
    public async Task VIO_01_evidence_that_is_not_what_it_claims_changes_nothing()
    {
        var l = await EnrolledLearnerAsync(app, "937");
        var (theory, _) = Batch(l, "2026 年第 10 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        var before = await CountsAsync(app);
        var form = Form(l, "2-1", Facts, ChinaNow(app), theory.Id);

        var exe = Encoding.ASCII.GetBytes("MZ\u0090\0This program cannot be run in DOS mode").Concat(new byte[2000]).ToArray();
        Assert.Contains("无法识别的文件类型", await Unprocessable(await RecordAsync(proctor, form, ("照片.png", EnrollmentFlow.Png()), ("监控截图.pdf", exe))));
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        Assert.Contains("无法识别的文件类型", await Unprocessable(await RecordAsync(proctor, form, ("现场照片.jpg", html))));
        var scripted = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n");
        Assert.Contains("脚本", await Unprocessable(await RecordAsync(proctor, form, ("说明.pdf", scripted))));
        var six = Enumerable.Range(0, 6).Select(i => ($"p{i}.png", EnrollmentFlow.Png())).ToArray();
        Assert.Contains("最多 5 个文件", await Unprocessable(await RecordAsync(proctor, form, six)));

        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task VIO_01_another_institutions_learner_changes_nothing()
    {
        var l = await EnrolledLearnerAsync(app, "938");
        var (theory, _) = Batch(l, "2026 年第 11 批次");
        var ours = await RecordedAsync(await fixture.StaffAsync("eval.proctor"), Form(l, "2-1", Facts, ChinaNow(app), theory.Id), ("证据.pdf", EnrollmentFlow.Pdf()));
        var evidenceId = await app.WithDbAsync(db => db.Set<ViolationEvidence>().Where(e => e.ViolationId == ours).Select(e => e.Id).SingleAsync());

        // An admin of another evaluation institution: the demo project is not theirs.
        await app.WithDbAsync(async db =>
        {
            var other = Institution.Create(InstitutionKind.Evaluation, "示例第二职业技能评价中心", "52440106MJL00888X", "广州市海珠区 8 号", "陈一", "陈二",
                "020-88883333", "广东省广州市", Now);
            db.Add(other);
            var user = await db.Set<AppUser>().Where(u => u.UserName == "learner3").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.EvaluationAdmin, other.Id, null, null, Now));
            return await db.SaveChangesAsync();
        });
        var outsider = await StaffAsync(app, "learner3");
        var before = await CountsAsync(app);

        Assert.Contains("未找到该学员在本机构评价项目", await Unprocessable(await RecordAsync(outsider, Form(l, "2-1", Facts, ChinaNow(app), theory.Id))));
        Assert.Contains("violation-no-match", await outsider.GetStringAsync("/workbench/violations/new?Q=" + Uri.EscapeDataString("学员九三八")));
        Assert.DoesNotContain("violation-form", await outsider.GetStringAsync($"/workbench/violations/new?LearnerId={l.LearnerId}&ProjectId={l.ProjectId}"));
        Assert.DoesNotContain(ours.ToString(), await outsider.GetStringAsync("/workbench/violations"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/workbench/violations/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/workbench/violations/{ours}/evidence/{evidenceId}")).StatusCode);
        var token = Forms.Token(await outsider.GetStringAsync("/workbench/violations"));
        var confirm = await outsider.PostAsync($"/workbench/violations/{ours}?handler=Confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Note"] = "越权" }));
        Assert.NotEqual(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/workbench/violations/new?Corrects={ours}")).StatusCode);

        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(ViolationState.Recorded, (await ViolationAsync(app, ours)).State);
        Assert.Empty(exams.VoidsOf(l.LearnerId));
        // Learners and training staff have no access at all.
        foreach (var login in new[] { "learner1", "train.admin" })
        {
            var r = await (await StaffAsync(app, login)).GetAsync("/workbench/violations");
            Assert.Contains("AccessDenied", r.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task VIO_01_evidence_download_is_audited_and_corrections_and_dismissals_are_new_records()
    {
        var l = await EnrolledLearnerAsync(app, "939");
        var (theory, practical) = Batch(l, "2026 年第 12 批次");
        var proctor = await fixture.StaffAsync("eval.proctor");
        var pdf = EnrollmentFlow.Pdf();
        var first = await RecordedAsync(proctor, Form(l, "1-2", "考生在技能操作考核中擅自离开考位，经提醒拒不改正。", ChinaNow(app), theory.Id), ("记录.pdf", pdf));
        var admin = await fixture.StaffAsync("eval.admin");
        var detail = await admin.GetStringAsync($"/workbench/violations/{first}");
        Assert.Contains("evidence-download", detail);
        var evidence = await app.WithDbAsync(db => db.Set<ViolationEvidence>().AsNoTracking().SingleAsync(e => e.ViolationId == first));
        var download = await admin.GetAsync($"/workbench/violations/{first}/evidence/{evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "violation.evidence_downloaded" && a.Detail.Contains(evidence.Id.ToString()))));

        // The recorder picked the wrong sitting: a correction is a new record; the first is kept, marked superseded, its evidence carried over.
        var form = Form(l, "1-2", "考生在技能操作考核中擅自离开考位，经提醒拒不改正。", ChinaNow(app), practical.Id);
        form["Corrects"] = first.ToString();
        var second = await RecordedAsync(proctor, form);
        var old = await ViolationAsync(app, first);
        Assert.Equal(ViolationState.Superseded, old.State);
        Assert.Equal(theory.Id, old.SittingId);
        var corrected = await ViolationAsync(app, second);
        Assert.Equal(first, corrected.CorrectsId);
        Assert.Equal(practical.Id, corrected.SittingId);
        Assert.Equal(evidence.Sha256, await app.WithDbAsync(db => db.Set<ViolationEvidence>().Where(e => e.ViolationId == second).Select(e => e.Sha256).SingleAsync()));
        Assert.Contains("已被更正过", await Unprocessable(await RecordAsync(proctor, form)));
        Assert.Contains("violation-corrections", await admin.GetStringAsync($"/workbench/violations/{first}"));

        // Dismissal needs a reason; the learner is not told about an allegation that was not upheld.
        Assert.Contains("须说明理由", await Unprocessable(await DecideAsync(admin, second, "Dismiss", "")));
        EnrollmentFlow.Redirects(await DecideAsync(admin, second, "Dismiss", "监控录像显示考生经监考员同意后离开"));
        var dismissed = await ViolationAsync(app, second);
        Assert.Equal(ViolationState.Dismissed, dismissed.State);
        Assert.Equal("监控录像显示考生经监考员同意后离开", dismissed.DecisionNote);
        Assert.Empty(exams.VoidsOf(l.LearnerId));
        Assert.Empty(await InboxAsync(l.LearnerId));
        Assert.Contains("my-violations-none", await l.Client.GetStringAsync("/my/violations"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Violation>().CountAsync(v => v.LearnerId == l.LearnerId)));
    }

    [Fact]
    public async Task VIO_01_simultaneous_confirmations_apply_the_consequences_once()
    {
        var l = await EnrolledLearnerAsync(app, "940");
        var (theory, _) = Batch(l, "2026 年第 13 批次");
        var id = await RecordedAsync(await fixture.StaffAsync("eval.proctor"), Form(l, "3-5", "考生与场外人员串通，通过耳机接收答案，监考员当场查获耳机与接收器。", ChinaNow(app), theory.Id));
        // A second decider: a new account made batch lead of the evaluation institution.
        await EnrollmentFlow.NewLearnerAsync(app, "941");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Set<AppUser>().Where(u => u.PhoneMasked == "137****0941").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.BatchLead, l.EvaluationInstitutionId, null, null, Now));
            return await db.SaveChangesAsync();
        });
        var lead = app.Browser();
        EnrollmentFlow.Redirects(await lead.LoginAsync("13700000941", "Learn2026a"));
        var admin = await fixture.StaffAsync("eval.admin");
        var tokens = (Forms.Token(await admin.GetStringAsync($"/workbench/violations/{id}")), Forms.Token(await lead.GetStringAsync($"/workbench/violations/{id}")));
        HttpResponseMessage[] results = await Task.WhenAll(
            admin.PostAsync($"/workbench/violations/{id}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens.Item1 })),
            lead.PostAsync($"/workbench/violations/{id}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokens.Item2 })));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Ban>().CountAsync(b => b.ViolationId == id)));
        Assert.Single(await InboxAsync(l.LearnerId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "violation.confirmed" && a.SubjectId == l.LearnerId.ToString())));
    }
}
