using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>An opened player: the learning session, its token, and a sequence counter for heartbeats.</summary>
public sealed class TestPlayer(ActivatedLearner learner, Guid sessionId, string token, PlayerFeedback opened)
{
    public ActivatedLearner Learner { get; } = learner;
    public Guid SessionId { get; } = sessionId;
    public string Token { get; } = token;
    public PlayerFeedback Opened { get; } = opened;
    public long Seq { get; set; }
}

/// <summary>Drives the player API like the browser module does, with the test clock.</summary>
public static class LedgerTestKit
{
    /// <summary>A playable video unit in the project's course (the course is created when the seed has none).</summary>
    public static async Task<CourseUnit> VideoUnitAsync(TestApp app, Guid projectId, double durationSeconds, Action<Course>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var course = await db.Set<Course>().FirstOrDefaultAsync(c => c.ProjectId == projectId);
        if (course is null)
        {
            var institution = await db.Set<TrainEval.Web.Modules.Enrollment.Project>().Where(p => p.Id == projectId).Select(p => p.TrainingInstitutionId).SingleAsync();
            course = Course.Create(projectId, institution, "测试课程", "", app.Clock.GetUtcNow().UtcDateTime);
            db.Add(course);
        }
        configure?.Invoke(course);
        var section = CourseSection.Create(course.Id, 90, "测试模块", "9.1");
        var unit = CourseUnit.Create(course.Id, section.Id, 1, UnitKind.Video, $"测试视频 {durationSeconds:F0}s", "9.1 测试", required: false, Guid.Empty,
            app.Clock.GetUtcNow().UtcDateTime);
        unit.AttachFile("test/none", new string('0', 64), 1, "video/mp4", durationSeconds);
        db.AddRange(section, unit);
        await db.SaveChangesAsync();
        return unit;
    }

    /// <summary>Opens a learning session like the player page (with the learner's current login session).</summary>
    public static async Task<TestPlayer> OpenAsync(TestApp app, ActivatedLearner learner, CourseUnit unit, bool replay = false,
        string userAgent = "Mozilla/5.0 (Test) Chrome/156")
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sid = await scope.ServiceProvider.GetRequiredService<LoginSessionGuard>().CurrentAsync(learner.LearnerId);
        var course = await db.Set<Course>().AsNoTracking().SingleAsync(c => c.Id == unit.CourseId);
        var opened = await scope.ServiceProvider.GetRequiredService<PlayerSessions>()
            .OpenAsync(learner.LearnerId, sid, unit, course, replay, "203.0.113.7", userAgent, app.Clock.GetUtcNow().UtcDateTime, default);
        return new TestPlayer(learner, opened.Session.Id, opened.Token, opened.Feedback);
    }

    public static async Task<JsonElement> BeatAsync(this TestPlayer p, double position, bool playing = true, bool visible = true, bool focused = true,
        double rate = 1, long? seq = null, HttpClient? via = null)
    {
        var s = seq ?? ++p.Seq;
        var response = await (via ?? p.Learner.Client).PostAsJsonAsync("/api/v1/learning/heartbeat", new
        {
            token = p.Token, seq = s, clientTime = DateTime.UnixEpoch, position, playing, visible, focused, rate,
        });
        Assert.True(response.IsSuccessStatusCode, $"heartbeat answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<(long CreditedMs, List<string> Reasons)> LedgerAsync(TestApp app, Guid learnerId) => await app.WithDbAsync(async db =>
    {
        var rows = await db.Set<LedgerEntryRow>().AsNoTracking().Where(r => r.LearnerId == learnerId).OrderBy(r => r.Id).ToListAsync();
        return (rows.Where(r => r.Credited).Sum(r => r.DurationMs), rows.Select(r => r.Reason).ToList());
    });
}
