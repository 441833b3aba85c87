using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Commitments;
using TrainEval.Web.Modules.Commitments.Public;
using static TrainEval.IntegrationTests.Commitments.SignFlow;

namespace TrainEval.IntegrationTests.Commitments;

/// <summary>EC-01 / EC-02: the exam commitment of a sitting (exams entry gate and identity checks are test doubles here).</summary>
public sealed class ExamCommitmentTests(CommitmentsFixture fixture) : IClassFixture<CommitmentsFixture>
{
    private readonly TestApp app = fixture.App;
    private readonly FakeExams exams = fixture.Exams;
    private readonly FakeVerification verification = fixture.Verification;

    private static string Url(Guid sittingId) => $"/my/commitments/exam/{sittingId}";

    private async Task<bool> ValidAsync(Guid learnerId, Guid sittingId, DateTime since)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ICommitmentsApi>().HasValidExamCommitmentAsync(learnerId, sittingId, since, default);
    }

    [Fact]
    public async Task EC_01_exam_commitment_needs_identity_pass_for_this_sitting_and_shows_the_rules_first()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "910");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sitting = exams.AddSitting(learner.ProjectId, now.AddHours(1), "本场次规则：开考 30 分钟后不得进入。");
        var other = exams.AddSitting(learner.ProjectId, now.AddDays(7));
        exams.Candidate(learner.LearnerId, sitting, now);
        exams.Candidate(learner.LearnerId, other, now);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.Client.GetAsync(Url(Guid.NewGuid()))).StatusCode);

        var blocked = await learner.Client.GetStringAsync(Url(sitting.Id));
        Assert.Contains("先完成本场次考前人脸身份核验", blocked);
        Assert.DoesNotContain("data-testid=\"commitment-form\"", blocked);
        var verify = await learner.Client.PostFormAsync(Url(sitting.Id), new Dictionary<string, string>(), "Verify");
        Assert.Equal("/verify/fake-capture", verify.Headers.Location?.OriginalString);
        Assert.Contains(verification.Started, s => s.Learner == learner.LearnerId && s.Context == "exam" && s.Ref == sitting.Id.ToString());

        verification.Pass(learner.LearnerId, "exam", other.Id);                   // a pass for another sitting does not count (IDV-02)
        Assert.Contains("先完成本场次考前人脸身份核验", await learner.Client.GetStringAsync(Url(sitting.Id)));
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        var page = await learner.Client.GetStringAsync(Url(sitting.Id));
        Assert.Contains("data-testid=\"commitment-form\"", page);
        Assert.True(page.IndexOf("本场次规则：开考 30 分钟后不得进入。", StringComparison.Ordinal) < page.IndexOf("考试承诺书</h3>", StringComparison.Ordinal));
        Assert.Contains("理论知识考试 第1场", page);                                   // {场次}
        Assert.Contains("data-testid=\"method-face\"", page);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var record = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(sitting.Id));
        Assert.Equal(CommitmentKind.Exam, record.Kind);
        Assert.Equal(sitting.Id, record.SittingId);
        Assert.True(await ValidAsync(learner.LearnerId, sitting.Id, now));
        Assert.False(await ValidAsync(learner.LearnerId, other.Id, now));             // per sitting
        Assert.False(await ValidAsync(learner.LearnerId, sitting.Id, record.SignedAtUtc.AddSeconds(1)));   // re-entry needs a new one

        var training = app.Browser();
        await training.LoginAsync("train.admin");
        Assert.Equal(HttpStatusCode.NotFound, (await training.GetAsync($"/workbench/commitments/records/{record.Id}")).StatusCode);   // BAT-10
        var evaluator = app.Browser();
        await evaluator.LoginAsync("eval.admin");
        Assert.Contains(record.Id.ToString(), await evaluator.GetStringAsync("/workbench/commitments?Kind=Exam"));

        var junk = await evaluator.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Exam", ["ProjectId"] = learner.ProjectId.ToString(), ["SittingId"] = "第一场" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, junk.StatusCode);
        var own = await evaluator.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Exam", ["ProjectId"] = learner.ProjectId.ToString(), ["SittingId"] = other.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);                          // a sitting may get its own version
        var draft = await app.WithDbAsync(db => db.Set<CommitmentTemplate>().SingleAsync(t => t.SittingId == other.Id));
        Assert.Equal((CommitmentKind.Exam, TemplateStatus.Draft, 1), (draft.Kind, draft.Status, draft.Version));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await training.PostFormAsync("/workbench/commitments/templates", new Dictionary<string, string>
            { ["Kind"] = "Exam", ["ProjectId"] = learner.ProjectId.ToString() })).StatusCode);   // BAT-10
    }

    [Fact]
    public async Task EC_02_missing_entry_prerequisites_keep_the_exam_commitment_closed()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "911");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sitting = exams.AddSitting(learner.ProjectId, now.AddHours(1));
        exams.Candidate(learner.LearnerId, sitting, now, "签署学习承诺书");
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        var page = await learner.Client.GetStringAsync(Url(sitting.Id));
        Assert.Contains("data-testid=\"commitment-blocked\"", page);
        Assert.Contains("签署学习承诺书", page);
        var start = await learner.Client.PostFormAsync(Url(sitting.Id), new Dictionary<string, string>
            { ["OpLog"] = ReadLog(app), ["Sha"] = new string('0', 64), ["Agree"] = "true", ["Method"] = "otp" }, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
    }

    [Fact]
    public async Task EC_01_face_confirmation_needs_a_new_pass_after_signing_started()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "912");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sitting = exams.AddSitting(learner.ProjectId, now.AddHours(1));
        exams.Candidate(learner.LearnerId, sitting, now);
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var started = await StartAsync(learner.Client, Url(sitting.Id), ReadLog(app), method: "face");
        Assert.Equal("/verify/fake-capture", started.Headers.Location?.OriginalString);
        var signing = await app.WithDbAsync(db => db.Set<CommitmentSigning>().SingleAsync(s => s.LearnerId == learner.LearnerId));
        var confirmUrl = $"{Url(sitting.Id)}?signing={signing.Id}";
        var early = await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string>(), "Confirm");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);           // the earlier entry check is not the signature
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await learner.Client.PostFormAsync(confirmUrl, new Dictionary<string, string>(), "Confirm")).StatusCode);
        var record = await app.WithDbAsync(db => db.Set<CommitmentRecord>().SingleAsync(r => r.LearnerId == learner.LearnerId));
        Assert.Equal(SignMethod.Face, record.Method);
        Assert.Contains("face_passed", record.OpLogJson);
    }

    [Fact]
    public async Task EC_01_revocation_closes_the_exam_entry_and_keeps_it_closed()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "913");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sitting = exams.AddSitting(learner.ProjectId, now.AddHours(1));
        exams.Candidate(learner.LearnerId, sitting, now);
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        var record = await SignWithCodeAsync(app, learner.Client, learner.LearnerId, Url(sitting.Id));
        Assert.True(await ValidAsync(learner.LearnerId, sitting.Id, now));

        var evaluator = app.Browser();
        await evaluator.LoginAsync("eval.admin");
        var revoked = await evaluator.PostFormAsync($"/workbench/commitments/records/{record.Id}", new Dictionary<string, string>
            { ["Reason"] = "签署设备与考试设备不一致，疑似代签", ["Basis"] = "考试承诺书管理制度", ["NextStep"] = "取消本场次考试资格，核查后通知" }, "Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await ValidAsync(learner.LearnerId, sitting.Id, now));

        app.Clock.Advance(TimeSpan.FromMinutes(5));                                  // even with a new requirement time and a new check
        var later = app.Clock.GetUtcNow().UtcDateTime;
        exams.Candidate(learner.LearnerId, sitting, later);
        verification.Pass(learner.LearnerId, "exam", sitting.Id);
        var page = await learner.Client.GetStringAsync(Url(sitting.Id));
        Assert.Contains("已被撤销", page);
        Assert.DoesNotContain("data-testid=\"commitment-form\"", page);
    }
}
