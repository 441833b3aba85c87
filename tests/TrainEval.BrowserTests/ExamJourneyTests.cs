using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.FaceEngine.Testing;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.BrowserTests;

/// <summary>
/// The exam journey in a real browser (issue 6): learning completed → learning commitment → face check through the fake
/// camera → exam commitment → answers autosaved → reload mid-exam (re-verify and re-sign) → time runs out → submitted by
/// the deadline → reviewed by the evaluation institution → result published. The server's clock is the test clock.
/// Enrollment, payment and activation are arranged in the database (their journeys have their own tests).
/// </summary>
public sealed class ExamJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private T Db<T>(Func<AppDbContext, T> work)
    {
        using var scope = Fixture.App.Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Fixture.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private DateTime Now => Fixture.App.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Approved, paid and opened — as the enrollment and payment journeys leave a learner.</summary>
    private async Task<Guid> EnrolledAsync(Guid learnerId)
    {
        return await DbAsync(async db =>
        {
            var project = await db.Set<Project>().SingleAsync(p => p.Code == "SSI-SWIM-4");
            var version = await db.Set<ProjectVersion>().Where(v => v.ProjectId == project.Id && v.PublishedAtUtc != null).OrderByDescending(v => v.VersionNo).FirstAsync();
            var application = EnrollmentApplication.Start(learnerId, project, version, EnrollmentChannel.Official, null, learnerId, Now);
            application.Submit("127.0.0.1", "browser test", Now);
            application.Approve("材料齐全", Now);
            db.Add(application);
            var order = PaymentOrder.Create("TEB" + Guid.NewGuid().ToString("N")[..12], application.Id, learnerId, project.Id, project.TrainingInstitutionId, "培训费",
                [(Guid.NewGuid(), "培训费", 168000L, "培训中心")], Now, TimeSpan.FromHours(2));
            db.Add(order);
            db.Add(CourseActivation.Open(application.Id, learnerId, project.Id, 365, 365, Now));
            await db.SaveChangesAsync();
            await db.Set<PaymentOrder>().Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.PaidFen, 168000L).SetProperty(o => o.PaidAtUtc, Now));
            return project.Id;
        });
    }

    /// <summary>A sitting of the demo theory paper opening in 5 minutes, the learner its candidate, attempts prepared.</summary>
    private async Task<Guid> SittingAsync(Guid projectId, Guid learnerId) => await DbAsync(async db =>
    {
        var project = await db.Set<Project>().SingleAsync(p => p.Id == projectId);
        var paper = await db.Set<ExamPaper>().SingleAsync(p => p.ProjectId == projectId && p.Name.Contains("理论知识试卷"));
        var bank = await db.Set<ExamQuestion>().Where(q => q.BankId == paper.BankId).ToListAsync();
        var starts = Now.AddMinutes(5);
        var sitting = Sitting.Create(projectId, project.EvaluationInstitutionId, "2026年第4批", "理论知识", "2026年第4批 理论知识（浏览器）", false, paper.Id,
            starts, starts.AddMinutes(120), 60, 30, 30, 60, SittingAdmin.DefaultRules, learnerId, Now);
        db.Add(sitting);
        db.Add(SittingCandidate.Create(sitting.Id, learnerId, learnerId, Now));
        db.Add(ExamAttempt.Prepare(sitting.Id, projectId, learnerId, 1, PaperLayout.Build(paper, bank, new Random(6)), Now));
        sitting.MarkPrepared(Now);
        await db.SaveChangesAsync();
        return sitting.Id;
    });

    private async Task<string> LatestCodeAsync(Guid learnerId) => await DbAsync(async db =>
        (await db.Set<InboxMessage>().Where(m => m.UserId == learnerId && m.Title.StartsWith("签署验证码")).OrderByDescending(m => m.CreatedAtUtc).Select(m => m.Title).FirstAsync())[^6..]);

    /// <summary>Reads the commitment to its end, ticks, signs with the one-time code from the in-site message.</summary>
    private async Task SignCommitmentAsync(Guid learnerId, string shot)
    {
        await Expect(ById("commitment-read")).ToBeVisibleAsync();
        await Expect(ById("commitment-sign")).ToBeDisabledAsync();
        await Page.EvaluateAsync("() => { const b = document.querySelector('[data-commitment-text]'); b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); }");
        await ById("commitment-agree").CheckAsync();
        await ScreenshotAsync(shot);
        await ById("commitment-sign").ClickAsync();
        await Expect(ById("commitment-code")).ToBeVisibleAsync();
        await ById("commitment-code").FillAsync(await LatestCodeAsync(learnerId));
        await ById("commitment-confirm-code").ClickAsync();
        await Expect(ById("commitment-signed")).ToBeVisibleAsync();
    }

    /// <summary>On the capture page: waits for the camera, runs the blink challenge, expects a pass and continues.</summary>
    private async Task PassFaceCheckAsync(string shot)
    {
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/verify/", StringComparison.Ordinal));
        await Expect(ById("capture-start")).ToBeEnabledAsync();
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=capture-video]'); return v.videoWidth > 0 && v.currentTime > 0.3; }");
        await ById("capture-start").ClickAsync();
        await Expect(ById("face-capture")).ToHaveAttributeAsync("data-outcome", new System.Text.RegularExpressions.Regex("^(pass|retry|fail)$"), new() { Timeout = 60_000 });
        await ScreenshotAsync(shot);
        await Expect(ById("face-capture")).ToHaveAttributeAsync("data-outcome", "pass");
        await ById("capture-continue").ClickAsync();
    }

    [Fact]
    public async Task EXM_journey_commitments_face_check_autosave_reentry_deadline_review_result()
    {
        Journey("exam");
        // The learner's camera shows the reference photo blinking (see FaceVerificationTests).
        var faces = Fixture.App.Services.GetRequiredService<FaceService>();
        var photo = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Faces", "astronaut.png"));
        var closed = FakeCameraImages.ClosedEyes(photo, (await faces.AnalyzeAsync([photo], CancellationToken.None))[0].Primary!.Landmarks);
        var camera = Path.Combine(Fixture.App.Directory, "camera-exam.y4m");
        Y4mWriter.WriteFile(camera, [(photo, 0.5), (closed, 0.5)], 640, 480, 15);
        await UseOwnBrowserAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + camera);
        await Context.GrantPermissionsAsync(["camera"], new() { Origin = Fixture.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var phone = NewPhone();
        var name = "考" + Han(phone[^4..]);
        await RegisterLearnerAsync(name, phone, "Exam2026pass");
        var learnerId = Db(db => db.Set<AppUser>().Where(u => u.RealName == name).Select(u => u.Id).Single());

        await GotoAsync("/my/identity");
        await ById("consent-grant").ClickAsync();
        await ById("reference-photo").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Faces", "astronaut.png"));
        await ById("reference-upload").ClickAsync();
        await Expect(ById("reference-state")).ToContainTextAsync("已建立");

        var projectId = await EnrolledAsync(learnerId);
        // Learning counts as complete for this journey (the ledger's own journeys test the rule); restored afterwards.
        var rules = await DbAsync(async db => (await db.Set<Course>().SingleAsync(c => c.ProjectId == projectId)).Rules);
        await DbAsync(async db =>
        {
            (await db.Set<Course>().SingleAsync(c => c.ProjectId == projectId)).SetRules(rules with { RequireAllUnits = false, RequireSelfTestsPassed = false, RequiredMinutes = 0 }, Now);
            return await db.SaveChangesAsync();
        });
        try
        {
            // Learning commitment (LC-01..03).
            await GotoAsync($"/my/commitments/learning/{projectId}");
            if (new Uri(Page.Url).AbsolutePath.StartsWith("/verify/", StringComparison.Ordinal)) { await PassFaceCheckAsync("login-check"); await GotoAsync($"/my/commitments/learning/{projectId}"); }
            await SignCommitmentAsync(learnerId, "learning-commitment");
            await ScreenshotAsync("learning-commitment-signed");

            var sittingId = await SittingAsync(projectId, learnerId);
            await GotoAsync("/my/exams");
            await Expect(ById("my-exam-row")).ToHaveCountAsync(1);
            await ScreenshotAsync("my-exams");
            await ById("my-exam-open").ClickAsync();
            await Expect(ById("door-verify")).ToBeVisibleAsync();
            await ScreenshotAsync("door-identity");

            // Face check for this sitting (IDV-02), then the exam commitment (EC-01).
            await ById("door-verify").ClickAsync();
            await PassFaceCheckAsync("exam-face-check");
            await WaitForPathAsync($"/my/exams/{sittingId}");
            await Expect(ById("door-identity-ok")).ToBeVisibleAsync();
            await ById("door-commitment").ClickAsync();
            await Expect(ById("sitting-rules").First).ToBeVisibleAsync();
            await SignCommitmentAsync(learnerId, "exam-commitment");
            await GotoAsync($"/my/exams/{sittingId}");
            await Expect(ById("door-waiting")).ToBeVisibleAsync();
            await ScreenshotAsync("door-waiting");

            // The sitting opens; enter and answer — every change is saved and acknowledged by the server.
            Fixture.App.Clock.Advance(TimeSpan.FromMinutes(6));
            await GotoAsync($"/my/exams/{sittingId}");
            await ById("door-enter").ClickAsync();
            await Expect(ById("exam")).ToBeVisibleAsync();
            await Expect(ById("exam-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^00:(59|60):"));
            var questions = ById("exam-question");
            for (var i = 0; i < 3; i++) await questions.Nth(i).Locator("[data-testid=exam-option]").First.CheckAsync();
            await Expect(ById("exam-save-state")).ToHaveTextAsync("所有答案已保存");
            await ScreenshotAsync("exam-answering");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Fixture.ScreenshotDirectory, "exam-09b-exam-viewport.png") });   // what the candidate sees
            var attemptId = await DbAsync(db => db.Set<ExamAttempt>().Where(a => a.SittingId == sittingId).Select(a => a.Id).SingleAsync());
            Assert.Equal(3, await DbAsync(db => db.Set<ExamAnswer>().CountAsync(a => a.AttemptId == attemptId)));

            // Reload mid-exam: a re-entry — back to the door, a new face check and a new commitment (EC-01).
            await Page.ReloadAsync();
            await WaitForPathAsync($"/my/exams/{sittingId}");
            await Expect(ById("door-verify")).ToBeVisibleAsync();
            await ScreenshotAsync("reload-needs-reentry");
            await ById("door-verify").ClickAsync();
            await PassFaceCheckAsync("reentry-face-check");
            await ById("door-commitment").ClickAsync();
            await SignCommitmentAsync(learnerId, "reentry-commitment");
            await GotoAsync($"/my/exams/{sittingId}");
            await ById("door-enter").ClickAsync();
            await Expect(ById("exam")).ToBeVisibleAsync();
            await Expect(questions.Nth(0).Locator("[data-testid=exam-option]:checked")).ToHaveCountAsync(1);   // saved answers come back
            await questions.Nth(3).Locator("[data-testid=exam-option]").First.CheckAsync();
            await Expect(ById("exam-save-state")).ToHaveTextAsync("所有答案已保存");

            // Time runs out: the attempt is closed by the deadline and scored from the stored answers.
            Fixture.App.Clock.Advance(TimeSpan.FromMinutes(62));
            await GotoAsync($"/my/exams/{sittingId}");
            await Expect(ById("result-card")).ToBeVisibleAsync();
            await Expect(ById("submit-mode")).ToHaveTextAsync("到时自动交卷");
            await Expect(ById("result-state")).ToHaveTextAsync("待复核");
            await ScreenshotAsync("submitted-by-deadline");
            Assert.Equal(4, await DbAsync(db => db.Set<ExamAnswer>().CountAsync(a => a.AttemptId == attemptId)));

            // The evaluation institution reviews and publishes (PER-01/02).
            var staffContext = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Fixture.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var staff = await staffContext.NewPageAsync();
            await staff.GotoAsync("/Accounts/Login");
            await staff.GetByTestId("login-identifier").FillAsync("eval.admin");
            await staff.GetByTestId("login-password").FillAsync(DemoPassword);
            await staff.GetByTestId("login-submit").ClickAsync();
            await staff.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Accounts/Login", StringComparison.OrdinalIgnoreCase));
            await staff.GotoAsync($"/workbench/exams/sittings/{sittingId}");
            await Assertions.Expect(staff.GetByTestId("attempt-state")).ToHaveTextAsync("到时自动交卷");
            await ScreenshotAsync(staff, "staff-sitting");
            await staff.GotoAsync($"/workbench/exams/sittings/{sittingId}/review");
            await Assertions.Expect(staff.GetByTestId("review-flag").First).ToBeVisibleAsync();   // re-entered: flagged
            await staff.GetByTestId("review-reason").FillAsync("身份核验两次通过，重新进入已重新签署承诺书，成绩确认");
            await ScreenshotAsync(staff, "staff-review");
            await staff.GetByTestId("review-confirm").ClickAsync();
            await Assertions.Expect(staff.GetByTestId("flash")).ToBeVisibleAsync();
            await staffContext.CloseAsync();

            await GotoAsync($"/my/exams/{sittingId}");
            await Expect(ById("result-state")).ToHaveTextAsync("已发布");
            await Expect(ById("result-score")).ToBeVisibleAsync();
            await Expect(ById("result-basis")).ToContainTextAsync("成绩确认");
            await ScreenshotAsync("result-published");
        }
        finally
        {
            await DbAsync(async db =>
            {
                (await db.Set<Course>().SingleAsync(c => c.ProjectId == projectId)).SetRules(rules, Now);
                return await db.SaveChangesAsync();
            });
        }
    }
}
