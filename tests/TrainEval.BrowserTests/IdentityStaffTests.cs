using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.FaceEngine.Testing;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.BrowserTests;

/// <summary>
/// IDV-04/05/06 in the back office: a learner of the demo institution consents and sets a reference face; a check with
/// another person's face is queued; the reviewer sees the photo and frames and upholds it; the admin reads the log and
/// the monitor; the reviewer opens the manual verification page.
/// </summary>
public sealed class IdentityStaffTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static byte[] FaceImage(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Faces", name));

    [Fact]
    public async Task IDV_04_IDV_05_reviewer_upholds_a_mismatch_and_staff_read_the_log_and_the_monitor()
    {
        Journey("identity-staff");
        var phone = NewPhone();
        var name = "甘" + Han(phone[^4..]);
        await RegisterLearnerAsync(name, phone, "Face2026pass");
        Guid learnerId, projectId;
        using (var scope = Fixture.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            learnerId = await db.Set<AppUser>().Where(u => u.RealName == name).Select(u => u.Id).SingleAsync();
            var project = await db.Set<Project>().SingleAsync(p => p.Code == "SSI-SWIM-4");
            var version = await db.Set<ProjectVersion>().Where(v => v.ProjectId == project.Id && v.PublishedAtUtc != null).OrderByDescending(v => v.VersionNo).FirstAsync();
            db.Add(EnrollmentApplication.Start(learnerId, project, version, EnrollmentChannel.Official, null, learnerId, Fixture.App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
            projectId = project.Id;
        }

        await GotoAsync("/my/identity");
        await Expect(ById("consent-text")).ToContainTextAsync("替代方式");
        await ScreenshotAsync("identity-consent");
        await ById("consent-grant").ClickAsync();
        await ById("reference-photo").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Faces", "astronaut.png"));
        await ById("reference-upload").ClickAsync();
        await Expect(ById("reference-state")).ToContainTextAsync("已建立");
        await ScreenshotAsync("identity-ready");

        // A check with another person's (blinking) face, decided by the engine as the capture API would.
        using (var scope = Fixture.App.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<FaceIdentity>();
            var faces = scope.ServiceProvider.GetRequiredService<FaceService>();
            var open = FaceImage("grace_hopper.jpg");
            var closed = FakeCameraImages.ClosedEyes(open, (await faces.AnalyzeAsync([open], CancellationToken.None))[0].Primary!.Landmarks);
            var capture = await identity.IssueCaptureAsync(learnerId, CheckContext.Trial, projectId, "trial", "/my/identity", CancellationToken.None);
            var decided = await identity.DecideAsync(capture.Value!.Id, learnerId, [open, open, closed, closed, open, open], null, CancellationToken.None);
            Assert.Equal(CheckOutcome.Fail, decided.Value!.Outcome);
            Assert.Equal("Mismatch", decided.Value.Reason);
        }
        await GotoAsync("/my/identity");
        await Expect(ById("my-decision").First).ToContainTextAsync("与本人底照不一致");
        await ScreenshotAsync("identity-history");
        await LogoutAsync();

        await LoginAsync("train.reviewer");
        await GotoAsync("/workbench");
        await Expect(ById("tile-identity-reviews")).ToBeVisibleAsync();
        await ById("tile-identity-reviews").ClickAsync();
        await WaitForPathAsync("/workbench/identity/reviews");
        var item = Page.Locator("[data-testid=review-item]", new() { HasText = name });
        await Expect(item.GetByTestId("review-flag")).ToBeVisibleAsync();
        await item.GetByTestId("review-images").Locator("summary").ClickAsync();
        await Expect(item.Locator("img").First).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=review-images] img')].every(i => i.complete && i.naturalWidth > 0)");
        await ScreenshotAsync("identity-review");
        await item.GetByTestId("review-reason").FillAsync("画面中为他人，与底照明显不一致");
        await item.GetByTestId("review-uphold").ClickAsync();
        await Expect(ById("flash")).ToContainTextAsync("复核结论已记录");
        await GotoAsync("/workbench/identity/manual?Q=" + Uri.EscapeDataString(name));
        await Expect(ById("manual-candidate")).ToContainTextAsync(name);
        await ScreenshotAsync("identity-manual");
        await LogoutAsync();

        await LoginAsync("train.admin");
        await GotoAsync("/workbench/identity/decisions?Learner=" + Uri.EscapeDataString(name));
        await Expect(ById("decision-row").First).ToContainTextAsync("与本人底照不一致");
        await Expect(ById("decision-row").First).ToContainTextAsync("维持原结果");
        await ScreenshotAsync("identity-log");
        await GotoAsync("/workbench/identity/monitor");
        await Expect(ById("engine-state")).ToContainTextAsync("运行中");
        await Expect(ById("rate-row").First).ToBeVisibleAsync();
        await ScreenshotAsync("identity-monitor");
    }
}
