using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.BrowserTests;

/// <summary>
/// LRN-03 in a real browser: the player refuses a forward seek, pauses (and stops crediting) when the tab is hidden,
/// and stops with a reason when the same learner signs in on another device. The server's clock is the test clock.
/// </summary>
public sealed class LearningPlayerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Video = "document.querySelector('[data-testid=player-video]')";

    /// <summary>learner2 with an opened course of the demo project (enrollment steps are covered elsewhere).</summary>
    private async Task<(Guid LearnerId, Guid UnitId, Guid ProjectId)> ArrangeAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var learnerId = await db.Set<AppUser>().Where(u => u.UserName == "learner2").Select(u => u.Id).SingleAsync();
        var projectId = await db.Set<Project>().Where(p => p.Code == "SSI-SWIM-4").Select(p => p.Id).SingleAsync();
        var course = await db.Set<Course>().SingleAsync(c => c.ProjectId == projectId);
        var unit = await db.Set<CourseUnit>().Where(u => u.CourseId == course.Id && u.Kind == UnitKind.Video && u.ArchivedAtUtc == null)
            .OrderBy(u => u.Title == "社会体育指导员职业守则" ? 0 : 1).ThenBy(u => u.CreatedAtUtc).FirstAsync();   // 1.1, open without prerequisites
        if (!await db.Set<CourseActivation>().AnyAsync(a => a.LearnerId == learnerId && a.ProjectId == projectId))
        {
            db.Add(CourseActivation.Open(Guid.NewGuid(), learnerId, projectId, 365, 365, Fixture.App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }
        return (learnerId, unit.Id, projectId);
    }

    private async Task<List<string>> LedgerReasonsAsync(Guid learnerId)
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<LedgerEntryRow>().Where(r => r.LearnerId == learnerId).OrderBy(r => r.Id).Select(r => r.Reason).ToListAsync();
    }

    private Task FireAsync(string js) => Page.EvaluateAsync(js);

    /// <summary>Waits (up to 20 s) for a server-side condition the page's last request should have produced.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        Assert.Fail("The server-side condition was not met within 20 s.");
    }

    [Fact]
    public async Task LRN_03_player_refuses_seeking_ahead_pauses_when_hidden_and_a_second_login_signs_it_out()
    {
        Journey("learning-player");
        var (learnerId, unitId, projectId) = await ArrangeAsync();
        await LoginAsync("learner2");

        // The course outline: done / to do / locked with the reason; the first video is open.
        await GotoAsync($"/my/courses/{projectId}");
        await Expect(ById("course-section").First).ToBeVisibleAsync();
        await Expect(ById("unit-lock-reason").First).ToContainTextAsync("需先完成");
        await Expect(ById("completion-items")).ToBeVisibleAsync();
        await ScreenshotAsync("course-outline");
        await Page.Locator($"[data-unit-id='{unitId}'] [data-testid=unit-link]").ClickAsync();
        await WaitForPathAsync($"/my/learn/{unitId}");
        await Expect(ById("player-video")).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync($"() => {Video}.readyState >= 1");
        await FireAsync($"() => {{ const v = {Video}; v.muted = true; return v.play(); }}");
        await Page.WaitForFunctionAsync($"() => {Video}.currentTime > 2");
        await Expect(ById("player-state")).ToHaveTextAsync("播放中");
        await ScreenshotAsync("playing");

        // The server credits what its own clock allows: 30 s pass on the server, the next heartbeat (on focus) counts.
        Fixture.App.Clock.Advance(TimeSpan.FromSeconds(30));
        await FireAsync("() => window.dispatchEvent(new Event('focus'))");
        await EventuallyAsync(async () => (await LedgerReasonsAsync(learnerId)).Contains("credited"));

        // A drag far ahead is put back to the furthest watched point and explained.
        await FireAsync($"() => {{ {Video}.currentTime = 150; }}");
        await Expect(ById("player-message")).ToContainTextAsync("不能拖动到尚未观看的位置");
        Assert.True(await Page.EvaluateAsync<double>($"() => {Video}.currentTime") < 20);
        await ScreenshotAsync("seek-refused");

        // Hiding the tab pauses the video; the hidden stretch earns nothing.
        var creditedBefore = (await LedgerReasonsAsync(learnerId)).Count(r => r == "credited");
        await FireAsync("() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }); " +
                        "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }); document.dispatchEvent(new Event('visibilitychange')); }");
        await Page.WaitForFunctionAsync($"() => {Video}.paused");
        await Expect(ById("player-state")).ToHaveTextAsync("已暂停");
        Fixture.App.Clock.Advance(TimeSpan.FromSeconds(45));
        await FireAsync("() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' }); " +
                        "Object.defineProperty(document, 'hidden', { configurable: true, get: () => false }); document.dispatchEvent(new Event('visibilitychange')); }");
        await EventuallyAsync(async () => (await LedgerReasonsAsync(learnerId)).LastOrDefault() == "not-playing");
        Assert.Equal(creditedBefore, (await LedgerReasonsAsync(learnerId)).Count(r => r == "credited"));
        await ScreenshotAsync("paused-when-hidden");

        // The same learner signs in on another device: this page's next heartbeat is refused and says why.
        var phone = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "zh-CN" });
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync("/Accounts/Login");
        await phonePage.GetByTestId("login-identifier").FillAsync("learner2");
        await phonePage.GetByTestId("login-password").FillAsync(DemoPassword);
        await phonePage.GetByTestId("login-submit").ClickAsync();
        await phonePage.WaitForURLAsync(url => !url.Contains("/Accounts/Login", StringComparison.OrdinalIgnoreCase));
        Fixture.App.Clock.Advance(TimeSpan.FromSeconds(5));
        await FireAsync("() => window.dispatchEvent(new Event('focus'))");
        await Expect(ById("player-stopped")).ToContainTextAsync("其他设备");
        Assert.Equal("second-device", (await LedgerReasonsAsync(learnerId)).Last());
        await ScreenshotAsync("signed-out-by-second-login");
        await phone.CloseAsync();
    }
}
