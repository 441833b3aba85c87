using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Commitments;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Commitments.SignFlow;

namespace TrainEval.IntegrationTests.Commitments;

/// <summary>LC-01..03: learning-commitment templates, signing, re-signing, revocation, PDF.</summary>
public sealed class LearningCommitmentTests(CommitmentsFixture fixture) : IClassFixture<CommitmentsFixture>
{
    private readonly TestApp app = fixture.App;

    private static string Url(Guid projectId) => $"/my/commitments/learning/{projectId}";

    private async Task<bool> ValidAsync(Guid learnerId, Guid projectId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ICommitmentsApi>().HasValidLearningCommitmentAsync(learnerId, projectId, default);
    }

    [Fact]
    public async Task LC_01_publish_refuses_template_missing_required_items_or_forbidden_content()
    {
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var list = await admin.GetStringAsync("/workbench/commitments/templates");
        Assert.Contains("data-kind=\"Learning\"", list);
        Assert.DoesNotContain("data-kind=\"Exam\"", list);                       // BAT-10: the exam commitment is the evaluation side's
        var projectId = await app.WithDbAsync(db => db.Set<CommitmentTemplate>().Where(t => t.Kind == CommitmentKind.Learning).Select(t => t.ProjectId).FirstAsync());
        var drafted = await admin.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Learning", ["ProjectId"] = projectId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var editUrl = drafted.Headers.Location!.OriginalString;
        var edit = await admin.GetStringAsync(editUrl);
        Assert.Contains("data-testid=\"forbidden-list\"", edit);
        Assert.Contains("概不退费", edit);

        var cover = DefaultTexts.LearningCoverage.ToDictionary(kv => $"Cover[{kv.Key}]", kv => kv.Value.ToString());
        var withoutNoProxy = DefaultTexts.Learning.Replace("本人承诺在学习过程中未实施代学、代练、刷课、伪造学习记录等行为，未将账号交由他人使用。", "本人承诺认真学习。");
        var refused = await admin.PostFormAsync(editUrl, new Dictionary<string, string>(cover) { ["Title"] = "学习承诺书", ["Body"] = withoutNoProxy }, "Publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("未实施代学、刷课、伪造学习记录", await refused.Content.ReadAsStringAsync());

        var unfair = DefaultTexts.Learning + "\n学员中途退出的，所缴费用概不退费，机构不承担任何责任。";
        refused = await admin.PostFormAsync(editUrl, new Dictionary<string, string>(cover) { ["Title"] = "学习承诺书", ["Body"] = unfair }, "Publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("概不退费", html);
        Assert.Contains("不承担任何责任", html);

        var noCoverage = await admin.PostFormAsync(editUrl, new Dictionary<string, string> { ["Title"] = "学习承诺书", ["Body"] = DefaultTexts.Learning }, "Publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCoverage.StatusCode);
        Assert.Contains("请注明由第几段承载", await noCoverage.Content.ReadAsStringAsync());
        var id = Guid.Parse(editUrl.Split('/')[^1]);
        Assert.Equal(TemplateStatus.Draft, (await app.WithDbAsync(db => db.Set<CommitmentTemplate>().SingleAsync(t => t.Id == id))).Status);

        var published = await admin.PostFormAsync(editUrl, new Dictionary<string, string>(cover) { ["Title"] = "学习承诺书", ["Body"] = DefaultTexts.Learning }, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var versions = await app.WithDbAsync(db => db.Set<CommitmentTemplate>().Where(t => t.ProjectId == projectId && t.Kind == CommitmentKind.Learning)
            .OrderBy(t => t.Version).ToListAsync());
        Assert.Equal(id, versions[^1].Id);
        Assert.Equal(TemplateStatus.Published, versions[^1].Status);
        Assert.All(versions.SkipLast(1), v => Assert.Equal(TemplateStatus.Retired, v.Status));   // one current version per line
        Assert.Equal(TemplateRules.Sha256(TemplateRules.Normalize(DefaultTexts.Learning)), versions[^1].TextSha256);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "commitments.template.published" && e.SubjectId == id.ToString())));

        var evaluator = app.Browser();
        await evaluator.LoginAsync("eval.admin");
        var denied = await evaluator.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Learning", ["ProjectId"] = projectId.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, denied.StatusCode);
    }

    [Fact]
    public async Task LC_02_signature_needs_text_read_to_end_and_records_time_device_ip_method_and_page_log()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "900");
        var url = Url(learner.ProjectId);
        var page = await learner.Client.GetStringAsync(url);
        Assert.Contains("data-testid=\"commitment-form\"", page);
        Assert.Contains(learner.ProjectId.ToString(), page);
        Assert.Contains("社会体育指导员（游泳）四级", page);                         // {项目} filled in

        var unread = await StartAsync(learner.Client, url, ReadLog(app, reachedEnd: false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unread.StatusCode);
        Assert.Contains("滚动至正文末尾", await unread.Content.ReadAsStringAsync());
        var noTick = await StartAsync(learner.Client, url, ReadLog(app), agree: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTick.StatusCode);
        var faceOnLearning = await StartAsync(learner.Client, url, ReadLog(app), method: "face");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, faceOnLearning.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<CommitmentSigning>().AnyAsync(s => s.LearnerId == learner.LearnerId)));

        var record = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, url);
        Assert.Equal(SignMethod.OneTimeCode, record.Method);
        Assert.Equal(RecordStatus.Signed, record.Status);
        Assert.Contains("TrainEvalTests", record.Device);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, record.SignedAtUtc);
        Assert.Equal(TemplateRules.Sha256(record.RenderedText), record.RenderedSha256);
        Assert.Contains("scrolled_end", record.OpLogJson);
        Assert.Contains("code_verified", record.OpLogJson);
        Assert.Equal(await app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.Id == learner.LearnerId).Select(u => u.UserName).SingleAsync()),
            record.Account);
        var signing = await app.WithDbAsync(db => db.Set<CommitmentSigning>().SingleAsync(s => s.Id == record.SigningId));
        Assert.DoesNotContain(await LatestCodeAsync(app, learner.LearnerId), signing.CodeHash);   // stored as a salted hash only
        Assert.True(await ValidAsync(learner.LearnerId, learner.ProjectId));

        var signed = await learner.Client.GetStringAsync(url);
        Assert.Contains("data-testid=\"commitment-signed\"", signed);
        var journey = await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}");
        Assert.Contains("data-testid=\"journey-step-learning_commitment\" data-state=\"done\"", journey);

        var pdf = await learner.Client.GetAsync($"/my/commitments/records/{record.Id}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Contains($"/my/commitments/records/{record.Id}/pdf", await learner.Client.GetStringAsync("/my/commitments"));
        var other = await LearningFlow.ActivatedLearnerAsync(app, "901");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/my/commitments/records/{record.Id}/pdf")).StatusCode);

        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        Assert.Contains(record.Id.ToString(), await admin.GetStringAsync($"/workbench/commitments?Learner=13700000900"));
        var detail = await admin.GetStringAsync($"/workbench/commitments/records/{record.Id}");
        Assert.Contains("阅读至正文末尾", detail);
        Assert.Contains(record.RenderedSha256, detail);
        Assert.Equal("application/pdf", (await admin.GetAsync($"/workbench/commitments/records/{record.Id}/pdf")).Content.Headers.ContentType?.MediaType);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "commitments.signed" && e.SubjectId == record.Id.ToString())));
    }

    [Fact]
    public async Task LC_02_code_expires_locks_after_five_wrong_attempts_and_resend_is_throttled()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "902");
        var url = Url(learner.ProjectId);
        var started = await StartAsync(learner.Client, url, ReadLog(app));
        var confirmUrl = started.Headers.Location!.OriginalString;
        var resend = await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string>(), "Resend");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, resend.StatusCode);
        Assert.Contains("过于频繁", await resend.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var code = await LatestCodeAsync(app, learner.LearnerId);
        var expired = await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = code }, "Confirm");
        Assert.Contains("已过期", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string>(), "Resend")).StatusCode);
        code = await LatestCodeAsync(app, learner.LearnerId);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.UnprocessableEntity,
                (await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = wrong }, "Confirm")).StatusCode);
        var locked = await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = code }, "Confirm");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        Assert.Contains("已锁定", await locked.Content.ReadAsStringAsync());
        Assert.False(await ValidAsync(learner.LearnerId, learner.ProjectId));
        Assert.False(await app.WithDbAsync(db => db.Set<CommitmentRecord>().AnyAsync(r => r.LearnerId == learner.LearnerId)));
    }

    [Fact]
    public async Task LC_02_concurrent_confirmations_record_one_signature()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "907");
        var started = await StartAsync(learner.Client, Url(learner.ProjectId), ReadLog(app));
        var confirmUrl = started.Headers.Location!.OriginalString;
        var code = await LatestCodeAsync(app, learner.LearnerId);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = code }, "Confirm")));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CommitmentRecord>().CountAsync(r => r.LearnerId == learner.LearnerId)));
        Assert.Equal(HttpStatusCode.Redirect,
            (await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = code }, "Confirm")).StatusCode);   // replay: no-op
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CommitmentRecord>().CountAsync(r => r.LearnerId == learner.LearnerId)));
    }

    [Fact]
    public async Task LC_03_not_offered_while_anomaly_open()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "903");
        await app.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().FirstAsync(c => c.ProjectId == learner.ProjectId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Add(LearningAnomaly.Raise(learner.LearnerId, course.Id, course.TrainingInstitutionId, AnomalyRules.FastCompletion, now.AddMinutes(-5), now, "test", now));
            return await db.SaveChangesAsync();
        });
        var page = await learner.Client.GetStringAsync(Url(learner.ProjectId));
        Assert.Contains("data-testid=\"commitment-blocked\"", page);
        Assert.Contains("学习异常待培训机构复核", page);
        Assert.DoesNotContain("data-testid=\"commitment-form\"", page);
        var form = await learner.Client.PostFormAsync(Url(learner.ProjectId), new Dictionary<string, string>
            { ["OpLog"] = ReadLog(app), ["Sha"] = new string('0', 64), ["Agree"] = "true", ["Method"] = "otp" }, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, form.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<CommitmentSigning>().AnyAsync(s => s.LearnerId == learner.LearnerId)));
    }

    [Fact]
    public async Task LC_03_resign_keeps_original_and_the_new_record_points_to_it()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "904");
        var original = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(learner.ProjectId));
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var requested = await admin.PostFormAsync($"/workbench/commitments/records/{original.Id}", new Dictionary<string, string>
            { ["ResignReason"] = ResignReasons.IdentityCorrection, ["Note"] = "证件号码依法更正" }, "Resign");
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        Assert.False(await ValidAsync(learner.LearnerId, learner.ProjectId));
        Assert.True(await app.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == learner.LearnerId && m.Title == "请重新签署学习承诺书")));
        Assert.Contains("data-testid=\"commitment-resign\"", await learner.Client.GetStringAsync(Url(learner.ProjectId)));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(learner.ProjectId));
        Assert.NotEqual(original.Id, again.Id);
        Assert.Equal(original.Id, again.ResignOfId);
        Assert.Equal(ResignReasons.IdentityCorrection, again.ResignReason);
        var old = await app.WithDbAsync(db => db.Set<CommitmentRecord>().SingleAsync(r => r.Id == original.Id));
        Assert.Equal(RecordStatus.Superseded, old.Status);
        Assert.Equal(again.Id, old.SupersededById);
        Assert.Equal(original.RenderedText, old.RenderedText);
        Assert.True(await ValidAsync(learner.LearnerId, learner.ProjectId));
    }

    [Fact]
    public async Task LC_03_a_version_with_key_changes_asks_earlier_signers_to_resign_and_keeps_their_records()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "906");
        var original = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(learner.ProjectId));
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var drafted = await admin.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Learning", ["ProjectId"] = learner.ProjectId.ToString() });
        var editUrl = drafted.Headers.Location!.OriginalString;
        var cover = DefaultTexts.LearningCoverage.ToDictionary(kv => $"Cover[{kv.Key}]", kv => kv.Value.ToString());
        var changed = DefaultTexts.Learning.Replace("违纪处理规则。", "违纪处理规则，以及本项目新增的实操考核安排。");
        var published = await admin.PostFormAsync(editUrl, new Dictionary<string, string>(cover)
            { ["Title"] = "学习承诺书", ["Body"] = changed, ["RequireResign"] = "true" }, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        Assert.False(await ValidAsync(learner.LearnerId, learner.ProjectId));
        var page = await learner.Client.GetStringAsync(Url(learner.ProjectId));
        Assert.Contains("承诺书版本更新且涉及关键事项变化", page);
        Assert.Contains("新增的实操考核安排", page);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(learner.ProjectId));
        Assert.Equal(original.Id, again.ResignOfId);
        Assert.Equal(ResignReasons.TemplateChange, again.ResignReason);
        Assert.True(again.TemplateVersion > original.TemplateVersion);
        Assert.Equal(RecordStatus.Superseded, (await app.WithDbAsync(db => db.Set<CommitmentRecord>().SingleAsync(r => r.Id == original.Id))).Status);
        Assert.True(await ValidAsync(learner.LearnerId, learner.ProjectId));
    }

    [Fact]
    public async Task LC_03_revocation_with_reason_notifies_the_learner_and_stops_the_journey()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "905");
        var record = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(learner.ProjectId));
        var evaluator = app.Browser();
        await evaluator.LoginAsync("eval.admin");
        Assert.Contains("data-testid=\"record-oplog\"", await evaluator.GetStringAsync($"/workbench/commitments/records/{record.Id}"));   // may read
        Assert.DoesNotContain("data-testid=\"revoke-form\"", await evaluator.GetStringAsync($"/workbench/commitments/records/{record.Id}"));
        var notTheirs = await evaluator.PostFormAsync($"/workbench/commitments/records/{record.Id}", new Dictionary<string, string>
            { ["Reason"] = "疑似代学", ["Basis"] = "学习承诺书管理制度", ["NextStep"] = "暂停考试" }, "Revoke");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTheirs.StatusCode);

        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var noReason = await admin.PostFormAsync($"/workbench/commitments/records/{record.Id}", new Dictionary<string, string>
            { ["Reason"] = "", ["Basis"] = "", ["NextStep"] = "" }, "Revoke");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.True(await ValidAsync(learner.LearnerId, learner.ProjectId));
        var revoked = await admin.PostFormAsync($"/workbench/commitments/records/{record.Id}", new Dictionary<string, string>
            { ["Reason"] = "经核查存在代学行为", ["Basis"] = "学习承诺书第4条及学习异常复核结论", ["NextStep"] = "暂停考试流程，复核结束后通知" }, "Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        Assert.False(await ValidAsync(learner.LearnerId, learner.ProjectId));
        var kept = await app.WithDbAsync(db => db.Set<CommitmentRecord>().SingleAsync(r => r.Id == record.Id));
        Assert.Equal(RecordStatus.Revoked, kept.Status);
        Assert.Equal(record.RenderedSha256, kept.RenderedSha256);
        Assert.True(await app.WithDbAsync(db => db.Set<CommitmentRevocation>().AnyAsync(v => v.RecordId == record.Id && v.Reason == "经核查存在代学行为")));
        Assert.True(await app.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == learner.LearnerId && m.Title == "学习承诺书已被撤销")));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "commitments.revoked" && e.SubjectId == record.Id.ToString())));
        var page = await learner.Client.GetStringAsync(Url(learner.ProjectId));
        Assert.Contains("已被撤销", page);
        Assert.DoesNotContain("data-testid=\"commitment-form\"", page);
        Assert.Contains("data-testid=\"journey-step-learning_commitment\" data-state=\"current\"",
            await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}"));
    }
}
