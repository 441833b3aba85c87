using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.BrowserTests;

/// <summary>LRN-08 / LRN-11 in the back office: a teacher decides an anomaly flag; an admin extends a learner's validity.</summary>
public sealed class LearningStaffTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task LRN_08_LRN_11_teacher_dismisses_a_flag_and_admin_extends_validity()
    {
        Journey("learning-staff");
        Guid flagId;
        using (var scope = Fixture.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var learnerId = await db.Set<AppUser>().Where(u => u.UserName == "learner3").Select(u => u.Id).SingleAsync();
            var project = await db.Set<Project>().SingleAsync(p => p.Code == "SSI-SWIM-4");
            var course = await db.Set<Course>().SingleAsync(c => c.ProjectId == project.Id);
            var now = Fixture.App.Clock.GetUtcNow().UtcDateTime;
            if (!await db.Set<CourseActivation>().AnyAsync(a => a.LearnerId == learnerId && a.ProjectId == project.Id))
                db.Add(CourseActivation.Open(Guid.NewGuid(), learnerId, project.Id, 365, 365, now));
            var flag = LearningAnomaly.Raise(learnerId, course.Id, course.TrainingInstitutionId, AnomalyRules.IpChanges, now.AddHours(-3), now,
                "2026-11-25 使用了 4 个不同的IP 地址", now);
            db.Add(flag);
            await db.SaveChangesAsync();
            flagId = flag.Id;
        }

        await LoginAsync("train.teacher");
        await GotoAsync("/workbench");
        await ById("tile-learning-anomalies").ClickAsync();
        await WaitForPathAsync("/workbench/learning/anomalies");
        var row = Page.Locator($"[data-testid=anomaly-row]:has(input[value='{flagId}'])");
        await Expect(row).ToContainTextAsync("IP 地址频繁变化");
        await ScreenshotAsync("anomaly-queue");
        await row.GetByTestId("anomaly-note").FillAsync("学员在单位与家中切换网络，属正常");
        await row.GetByTestId("anomaly-dismiss").ClickAsync();
        await Expect(ById("flash")).ToContainTextAsync("已排除异常");
        await LogoutAsync();

        await LoginAsync("train.admin");
        await GotoAsync("/workbench/learning/validity?Learner=learner3");
        await Expect(ById("validity-row")).ToBeVisibleAsync();
        var until = await ById("validity-until").First.InnerTextAsync();
        await ById("validity-new-end").First.FillAsync(DateOnly.Parse(until).AddDays(15).ToString("yyyy-MM-dd"));
        await ById("validity-reason").First.FillAsync("平台维护停机，学习时间顺延");
        await ScreenshotAsync("validity-form");
        await ById("validity-submit").First.ClickAsync();
        await Expect(ById("flash")).ToContainTextAsync("已延长学习有效期");
        await Expect(ById("validity-until").First).ToHaveTextAsync(DateOnly.Parse(until).AddDays(15).ToString("yyyy-MM-dd"));
        await ScreenshotAsync("validity-extended");
    }
}
