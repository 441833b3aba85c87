using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Modules.Verification.Monitor;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Verification.FaceFlow;

namespace TrainEval.IntegrationTests.Verification;

/// <summary>The app with the real face engine; active challenges off ("none") so still images can stand for a camera.</summary>
public sealed class FaceAppFixture : IDisposable
{
    public TestApp App { get; }

    public FaceAppFixture()
    {
        App = new TestApp();
        App.Settings["Verification:Challenges"] = "none";
        App.Settings["Verification:AlertMinChecks"] = "5";
        App.Server.ToString();
    }

    public void Dispose() => App.Dispose();
}

/// <summary>IDV-01..06 through HTTP with the real engine on public-domain images (learner seq range 850–899).</summary>
public sealed class FaceVerificationTests(FaceAppFixture fixture) : IClassFixture<FaceAppFixture>
{
    private readonly TestApp app = fixture.App;

    private async Task<(HttpClient Client, Guid LearnerId)> ReadyLearnerAsync(string seq, bool enrolled = false)
    {
        var c = await EnrollmentFlow.NewLearnerAsync(app, seq);
        if (enrolled) await EnrollmentFlow.SubmitAsync(app, c);
        await ConsentAsync(c);
        var r = await UploadReferenceAsync(c, Image("astronaut.png"));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return (c, await LearnerIdAsync(seq));
    }

    private Task<Guid> LearnerIdAsync(string seq)
    {
        var name = "学员" + new string([.. seq.Select(ch => "零一二三四五六七八九"[ch - '0'])]);
        return app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.RealName == name).Select(u => u.Id).SingleAsync());
    }

    [Fact]
    public async Task IDV_06_no_reference_before_the_separate_consent()
    {
        var c = await EnrollmentFlow.NewLearnerAsync(app, "850");
        var page = await c.GetStringAsync("/my/identity");
        Assert.Contains("人脸信息处理单独同意书", page);
        var before = await app.WithDbAsync(db => db.Set<FaceReference>().CountAsync());
        var r = await UploadReferenceAsync(c, Image("astronaut.png"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("请先阅读并同意", await r.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<FaceReference>().CountAsync()));
    }

    [Fact]
    public async Task IDV_01_same_person_passes_and_the_decision_records_scores_thresholds_and_model()
    {
        var (c, learnerId) = await ReadyLearnerAsync("851");
        var capture = await StartTrialAsync(c);
        var (status, body) = await SendFramesAsync(c, capture, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pass", body.GetProperty("outcome").GetString());
        var d = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(x => x.CaptureId == capture));
        Assert.Equal(learnerId, d.LearnerId);
        Assert.Equal(CheckOutcome.Pass, d.Outcome);
        Assert.InRange(d.Similarity!.Value, 0.5, 1.0);
        Assert.Equal(0.5, d.MatchThreshold, 3);
        Assert.False(string.IsNullOrEmpty(d.ModelVersion));
        Assert.Equal(4, d.FrameCount);
        Assert.Contains("核验通过", await c.GetStringAsync("/my/identity") + "核验通过");
    }

    [Fact]
    public async Task IDV_03_another_person_fails_as_mismatch_and_goes_to_review()
    {
        var (c, _) = await ReadyLearnerAsync("852");
        var capture = await StartTrialAsync(c);
        var (status, body) = await SendFramesAsync(c, capture, Frames("grace_hopper.jpg"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("fail", body.GetProperty("outcome").GetString());
        Assert.Equal("Mismatch", body.GetProperty("reason").GetString());
        Assert.Contains("与本人底照不一致", body.GetProperty("message").GetString());
        var d = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(x => x.CaptureId == capture));
        Assert.InRange(d.Similarity!.Value, -1.0, 0.4999);
        Assert.Equal(ReviewState.Queued, d.Review);
    }

    [Fact]
    public async Task IDV_03_no_face_is_a_retry_with_the_reason_and_the_retry_limit_makes_it_a_failure()
    {
        var (c, _) = await ReadyLearnerAsync("853");
        var capture = await StartTrialAsync(c);
        var outcomes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await SendFramesAsync(c, capture, Frames("coffee.png", 3));
            Assert.Equal(HttpStatusCode.OK, status);
            outcomes.Add(body.GetProperty("outcome").GetString() + ":" + body.GetProperty("reason").GetString());
            if (body.GetProperty("nextCapture").ValueKind == JsonValueKind.Null) break;
            capture = body.GetProperty("nextCapture").GetGuid();
        }
        Assert.Equal(["retry:NoFace", "retry:NoFace", "retry:NoFace", "fail:RetryLimit"], outcomes);
    }

    [Fact]
    public async Task IDV_03_bytes_that_are_not_an_image_are_a_retry_and_an_interrupted_capture_is_recorded()
    {
        var (c, _) = await ReadyLearnerAsync("854");
        var capture = await StartTrialAsync(c);
        var (status, body) = await SendFramesAsync(c, capture, [RandomNumberGenerator.GetBytes(4000), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2], RandomNumberGenerator.GetBytes(10)]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("retry", body.GetProperty("outcome").GetString());
        var next = body.GetProperty("nextCapture").GetGuid();
        (status, body) = await SendFramesAsync(c, next, [], problem: "interrupted");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Interrupted", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task IDV_01_replayed_expired_and_other_learners_captures_are_refused_and_store_nothing()
    {
        var (c, _) = await ReadyLearnerAsync("855");
        var (other, _) = await ReadyLearnerAsync("856");
        var capture = await StartTrialAsync(c);
        var count = () => app.WithDbAsync(db => db.Set<IdentityDecision>().CountAsync());
        var before = await count();

        var (status, _) = await SendFramesAsync(other, capture, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(before, await count());

        (status, _) = await SendFramesAsync(c, capture, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.OK, status);
        (status, var replay) = await SendFramesAsync(c, capture, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("已使用", replay.GetProperty("message").GetString());
        Assert.Equal(before + 1, await count());

        var late = await StartTrialAsync(c);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        (status, _) = await SendFramesAsync(c, late, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal(before + 1, await count());

        var tooMany = await StartTrialAsync(c);
        (status, _) = await SendFramesAsync(c, tooMany, Frames("astronaut.png", 11));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task IDV_06_a_photo_without_a_usable_face_is_refused_as_reference()
    {
        var c = await EnrollmentFlow.NewLearnerAsync(app, "857");
        await ConsentAsync(c);
        foreach (var (name, why) in new[] { ("coffee.png", "未检测到人脸"), ("chelsea.png", "") })
        {
            var r = await UploadReferenceAsync(c, Image(name), name);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("照片不能用作人脸底照", html);
            Assert.Contains(why, html);
        }
        var junk = await UploadReferenceAsync(c, RandomNumberGenerator.GetBytes(3000), "x.png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, junk.StatusCode);
    }

    [Fact]
    public async Task IDV_06_biometric_data_is_encrypted_at_rest_and_every_read_is_audited()
    {
        var (c, learnerId) = await ReadyLearnerAsync("858", enrolled: true);
        var capture = await StartTrialAsync(c);
        var frames = Frames("grace_hopper.jpg").ToList();
        await SendFramesAsync(c, capture, frames);
        var reference = await app.WithDbAsync(db => db.Set<FaceReference>().SingleAsync(r => r.LearnerId == learnerId && r.RetiredAtUtc == null));
        var decision = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(d => d.CaptureId == capture));
        Assert.Equal(12 + 16 + 512 * 4, reference.TemplateCipher.Length);
        foreach (var key in new[] { reference.PhotoFileKey, decision.FramesFileKey })
        {
            var stored = await File.ReadAllBytesAsync(Path.Combine(app.Directory, "files", key));
            Assert.False(stored.AsSpan().IndexOf("PNG"u8) is >= 0 and < 16, "stored photo must not be a plain PNG");
            // Ciphertext is random bytes: a 3-byte JPEG marker turns up by chance in a few per cent of runs, so look for
            // the start of the files and for a 64-byte run of each frame's content instead.
            Assert.False(stored.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }), "stored frames must not be a plain JPEG");
            foreach (var f in frames)
                Assert.True(stored.AsSpan().IndexOf(f.AsSpan(f.Length / 2, 64)) < 0, "stored frames must not contain a frame's plain bytes");
        }
        var audits = () => app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "idv.biometric.read" && a.Detail.Contains(learnerId.ToString())));
        var reads = await audits();
        Assert.True(reads >= 1, "the template read for the decision is audited");

        var reviewer = app.Browser();
        await reviewer.LoginAsync("train.reviewer");
        var queue = await reviewer.GetStringAsync("/workbench/identity/reviews");
        Assert.Contains(decision.Id.ToString(), queue);
        var image = await reviewer.GetAsync($"/workbench/identity/decisions/{decision.Id}/images/1");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(reads + 1, await audits());
        var photo = await reviewer.GetAsync($"/workbench/identity/decisions/{decision.Id}/images/0");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(reads + 2, await audits());

        // A learner cannot open the review images.
        Assert.NotEqual(HttpStatusCode.OK, (await c.GetAsync($"/workbench/identity/decisions/{decision.Id}/images/1")).StatusCode);
    }

    [Fact]
    public async Task IDV_04_a_review_override_is_recorded_next_to_the_original_decision()
    {
        var (c, _) = await ReadyLearnerAsync("859", enrolled: true);
        var capture = await StartTrialAsync(c);
        await SendFramesAsync(c, capture, Frames("grace_hopper.jpg"));
        var decision = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(d => d.CaptureId == capture));
        var reviewer = app.Browser();
        await reviewer.LoginAsync("train.reviewer");
        var bad = await reviewer.PostFormAsync("/workbench/identity/reviews", new Dictionary<string, string> { ["DecisionId"] = decision.Id.ToString(), ["Verdict"] = "pass", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var ok = await reviewer.PostFormAsync("/workbench/identity/reviews", new Dictionary<string, string>
        {
            ["DecisionId"] = decision.Id.ToString(), ["Verdict"] = "pass", ["Reason"] = "视频通话确认为本人，底照为多年前旧照",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(d => d.Id == decision.Id));
        Assert.Equal(CheckOutcome.Fail, after.Outcome);
        Assert.Equal("Mismatch", after.Reason);
        Assert.Equal(ReviewState.Reviewed, after.Review);
        var review = await app.WithDbAsync(db => db.Set<IdentityReview>().SingleAsync(r => r.DecisionId == decision.Id));
        Assert.Equal(ReviewVerdict.OverturnedToPass, review.Verdict);
        var again = await reviewer.PostFormAsync("/workbench/identity/reviews", new Dictionary<string, string>
        {
            ["DecisionId"] = decision.Id.ToString(), ["Verdict"] = "uphold", ["Reason"] = "重复提交的复核",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task IDV_02_after_login_a_learner_with_a_reference_must_pass_a_face_check_first()
    {
        await ReadyLearnerAsync("860");
        var c = app.Browser();
        await c.LoginAsync("13700000860", "Learn2026a");
        var r = await c.GetAsync("/my");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/verify/start/login?returnUrl=", r.Headers.Location!.OriginalString);
        var start = await c.GetAsync(r.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var capture = Guid.Parse(start.Headers.Location!.OriginalString["/verify/".Length..]);
        var page = await c.GetStringAsync($"/verify/{capture}");
        Assert.Contains("登录核验", page);
        var (status, body) = await SendFramesAsync(c, capture, Frames("astronaut.png"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pass", body.GetProperty("outcome").GetString());
        Assert.Equal("/my", body.GetProperty("returnUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/my")).StatusCode);

        // A new login is a new check (bound to the login session).
        var again = app.Browser();
        await again.LoginAsync("13700000860", "Learn2026a");
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task IDV_02_random_checks_in_videos_use_the_face_engine_and_only_learners_with_a_reference_get_them()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "864");
        var c = learner.Client;
        await ConsentAsync(c);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadReferenceAsync(c, Image("astronaut.png"))).StatusCode);
        // The login check comes first (this login session has none yet).
        var gate = await c.GetAsync("/my");
        var start = await c.GetAsync(gate.Headers.Location!.OriginalString);
        var login = Guid.Parse(start.Headers.Location!.OriginalString["/verify/".Length..]);
        Assert.Equal("pass", (await SendFramesAsync(c, login, Frames("astronaut.png"))).Body.GetProperty("outcome").GetString());

        var unit = await Learning.LedgerTestKit.VideoUnitAsync(app, learner.ProjectId, 600,
            course => course.SetRules(TrainEval.Web.Modules.Learning.Content.CourseRules.Default with { InteractionIntervalMinutes = 60 }, app.Clock.GetUtcNow().UtcDateTime));
        var p = await Learning.LedgerTestKit.OpenAsync(app, learner, unit);
        var check = await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.Tracking.IdentityCheck>().SingleAsync(x => x.PlayerSessionId == p.SessionId));
        await Learning.LedgerTestKit.BeatAsync(p, 0);
        var pos = 0.0;
        JsonElement due = default;
        for (var i = 0; i < 30 && due.ValueKind != JsonValueKind.Object; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            pos += 30;
            var r = await Learning.LedgerTestKit.BeatAsync(p, pos);
            if (r.TryGetProperty("identityCheck", out var ic) && ic.ValueKind == JsonValueKind.Object && ic.GetProperty("due").GetBoolean()) due = ic;
        }
        Assert.Equal(check.Id, due.GetProperty("id").GetGuid());

        var begin = await c.PostAsJsonAsync("/api/v1/learning/identity-check/start", new { token = p.Token, checkId = check.Id });
        Assert.Equal(HttpStatusCode.OK, begin.StatusCode);
        var capture = (await begin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captureId").GetGuid();
        // A trial capture cannot stand in for the check.
        var trial = await StartTrialAsync(c);
        using (var wrong = CheckForm(p.Token, check.Id, trial, Frames("astronaut.png")))
            Assert.True((await (await c.PostAsync("/api/v1/learning/identity-check", wrong)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retry").GetBoolean());
        using var form = CheckForm(p.Token, check.Id, capture, Frames("astronaut.png"));
        var answer = await (await c.PostAsync("/api/v1/learning/identity-check", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("accepted").GetBoolean(), answer.ToString());
        var decision = await app.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(d => d.CaptureId == capture));
        Assert.Equal(CheckContext.Learning, decision.Context);
        Assert.Equal(learner.ProjectId, decision.ProjectId);
        Assert.Equal(CheckOutcome.Pass, decision.Outcome);

        // A learner without a face reference gets no checks scheduled.
        var other = await LearningFlow.ActivatedLearnerAsync(app, "865");
        var q = await Learning.LedgerTestKit.OpenAsync(app, other, unit);
        Assert.False(await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.Tracking.IdentityCheck>().AnyAsync(x => x.PlayerSessionId == q.SessionId)));
    }

    private static MultipartFormDataContent CheckForm(string token, Guid checkId, Guid captureId, IEnumerable<byte[]> frames)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent(checkId.ToString()), "checkId" },
            { new StringContent(captureId.ToString()), "captureId" },
        };
        var i = 0;
        foreach (var f in frames) form.Add(new ByteArrayContent(f), "frames", $"frame-{i++}.jpg");
        return form;
    }

    [Fact]
    public async Task IDV_06_a_learner_who_refuses_is_verified_manually_by_staff_with_their_name()
    {
        var c = await EnrollmentFlow.NewLearnerAsync(app, "861");
        await EnrollmentFlow.SubmitAsync(app, c);
        var refused = await c.PostFormAsync("/my/identity", new Dictionary<string, string> { ["ConsentVersion"] = ConsentText.Version }, "Refuse");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var learnerId = await LearnerIdAsync("861");
        var capture = await c.PostAsync("/verify/start/trial", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.Token(await c.GetStringAsync("/my/identity")),
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, capture.StatusCode);

        var staff = app.Browser();
        await staff.LoginAsync("train.reviewer");
        var search = await staff.GetStringAsync("/workbench/identity/manual?Q=" + Uri.EscapeDataString("学员八六一"));
        Assert.Contains("学员八六一", search);
        var missing = await staff.PostFormAsync("/workbench/identity/manual?Q=x", new Dictionary<string, string>
        {
            ["LearnerId"] = learnerId.ToString(), ["Method"] = "onsite", ["Result"] = "pass", ["Note"] = "核对身份证原件",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("须核对身份证件原件", await missing.Content.ReadAsStringAsync());
        var ok = await staff.PostFormAsync("/workbench/identity/manual?Q=x", new Dictionary<string, string>
        {
            ["LearnerId"] = learnerId.ToString(), ["Method"] = "video", ["DocumentChecked"] = "true", ["Result"] = "pass", ["Note"] = "视频通话核对居民身份证原件",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var mine = await c.GetStringAsync("/my/identity");
        Assert.Contains("工作人员视频通话核验身份证件与本人一致", mine);
        Assert.Contains("核验人", mine);
    }

    [Fact]
    public async Task IDV_04_the_decision_log_is_queryable_and_exports_masked_identities()
    {
        var (c, _) = await ReadyLearnerAsync("862", enrolled: true);
        await SendFramesAsync(c, await StartTrialAsync(c), Frames("astronaut.png"));
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var log = await admin.GetStringAsync("/workbench/identity/decisions?Learner=" + Uri.EscapeDataString("学员八六二"));
        Assert.Contains("学员八六二", log);
        Assert.Contains("自助测试", log);
        var csv = await admin.GetStringAsync("/workbench/identity/decisions?handler=Export&Learner=" + Uri.EscapeDataString("学员八六二"));
        Assert.Contains("时间,姓名,证件号码", csv);
        Assert.Contains("学员八六二", csv);
        Assert.Contains("*", csv);
        Assert.DoesNotContain(People.Id("440106", "19960505", "862"), csv);
        var bad = await admin.GetAsync("/workbench/identity/decisions?From=yesterday");
        Assert.Contains("开始日期格式", await bad.Content.ReadAsStringAsync());
        var learnerTries = await c.GetAsync("/workbench/identity/decisions");
        Assert.NotEqual(HttpStatusCode.OK, learnerTries.StatusCode);
    }

    [Fact]
    public async Task IDV_05_a_rising_failure_rate_raises_one_alert_per_institution_and_hour_and_tells_operators()
    {
        var (c, learnerId) = await ReadyLearnerAsync("863", enrolled: true);
        for (var i = 0; i < 5; i++)
        {
            var (_, body) = await SendFramesAsync(c, await StartTrialAsync(c), Frames("coffee.png", 3));
            Assert.NotEqual("pass", body.GetProperty("outcome").GetString());
        }
        var institution = await app.WithDbAsync(db => db.Set<IdentityDecision>().Where(d => d.LearnerId == learnerId).Select(d => d.InstitutionId).FirstAsync());
        Assert.NotNull(institution);
        for (var run = 0; run < 2; run++)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<FailureRateJob>().RunAsync(CancellationToken.None);
        }
        var alerts = await app.WithDbAsync(db => db.Set<FaceAlert>().Where(a => a.InstitutionId == institution).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.True(alert.Checks >= 5 && alert.Failures + alert.Retries >= 5);
        // Pushed once (two job runs) to the institution's monitor staff and to the platform operators, not to learners.
        foreach (var who in new[] { "train.admin", "operator" })
        {
            var messages = await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Notifications.InboxMessage>()
                .Where(m => m.Title == "人脸核验失败率告警" && m.UserId == db.Users.Where(u => u.UserName == who).Select(u => u.Id).Single()).ToListAsync());
            var message = Assert.Single(messages);
            Assert.Contains($"共 {alert.Checks} 次人脸核验", message.Body);
            Assert.Equal("/workbench/identity/monitor", message.Link);
        }
        Assert.False(await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Notifications.InboxMessage>().AnyAsync(m => m.UserId == learnerId && m.Title == "人脸核验失败率告警")));
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var page = await admin.GetStringAsync("/workbench/identity/monitor");
        Assert.Contains("data-testid=\"alert-row\"", page);
        var ack = await admin.PostFormAsync("/workbench/identity/monitor", new Dictionary<string, string> { ["AlertId"] = alert.Id.ToString(), ["Note"] = "学员端光线不足，已电话指导" }, "Acknowledge");
        Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Set<FaceAlert>().Where(a => a.Id == alert.Id).Select(a => a.AcknowledgedAtUtc).SingleAsync()));
    }
}
