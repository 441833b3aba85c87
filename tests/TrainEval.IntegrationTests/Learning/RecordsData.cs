using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>
/// Rows the records pages read, written straight into the database (the player and the heartbeat writer are built
/// separately): courses, learning sessions with their ledger rows and events, completions and practice.
/// </summary>
public static class RecordsData
{
    public const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    /// <summary>The demo project's course, created with two units and a self-test when no one made one yet.</summary>
    public static Task<Course> DemoCourseAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var project = await db.Set<Project>().SingleAsync(p => p.Code == EnrollmentFlow.Project);
        var course = await db.Set<Course>().FirstOrDefaultAsync(c => c.ProjectId == project.Id);
        if (course is not null) return course;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        course = Course.Create(project.Id, project.TrainingInstitutionId, "游泳救生基础（记录测试）", "", now);
        db.Set<Course>().Add(course);
        AddUnits(db, course.Id, now, (UnitKind.Video, "第一节 游泳运动概述", 2700), (UnitKind.Document, "第二节 安全须知", 900), (UnitKind.SelfTest, "单元自测", 600));
        await db.SaveChangesAsync();
        return course;
    });

    /// <summary>A course of a project that exists only here (its own statistics stay separate from other tests).</summary>
    public static Task<Course> CourseAsync(TestApp app, Guid institutionId, string title, CourseRules rules, params (UnitKind Kind, string Title, double Seconds)[] units)
        => app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var course = Course.Create(Guid.NewGuid(), institutionId, title, "", now);
            course.SetRules(rules, now);
            db.Set<Course>().Add(course);
            AddUnits(db, course.Id, now, units);
            await db.SaveChangesAsync();
            return course;
        });

    private static void AddUnits(Web.Platform.Data.AppDbContext db, Guid courseId, DateTime now, params (UnitKind Kind, string Title, double Seconds)[] units)
    {
        var section = CourseSection.Create(courseId, 1, "第一章", "1.1 游泳运动概述");
        db.Set<CourseSection>().Add(section);
        var order = 0;
        foreach (var (kind, title, seconds) in units)
        {
            var unit = CourseUnit.Create(courseId, section.Id, ++order, kind, title, "1.1", required: true, Guid.Empty, now);
            if (kind == UnitKind.SelfTest) unit.SetSelfTest(5, 60, (int)(seconds / 60));
            else unit.AttachFile($"test/{Guid.NewGuid():N}", new string('0', 64), 1000, kind == UnitKind.Video ? "video/mp4" : "application/pdf", seconds);
            db.Set<CourseUnit>().Add(unit);
        }
    }

    public static Task<List<CourseUnit>> UnitsAsync(TestApp app, Guid courseId)
        => app.WithDbAsync(db => db.Set<CourseUnit>().Where(u => u.CourseId == courseId && u.ArchivedAtUtc == null).OrderBy(u => u.Order).ToListAsync());

    /// <summary>
    /// A learning session that starts at <paramref name="startUtc"/> and runs through the given ledger pieces in turn
    /// (a negative duration is a void row); the session totals are recorded as the heartbeat writer would.
    /// </summary>
    public static Task<LearningSession> SessionAsync(TestApp app, Guid learnerId, Course course, Guid unitId, DateTime startUtc,
        IEnumerable<(LedgerReason Reason, TimeSpan Duration)> pieces, string ip = "203.0.113.9", string userAgent = WindowsChrome, bool replay = false,
        string endReason = "")
        => app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var session = LearningSession.Start(learnerId, course.Id, course.ProjectId, unitId, "test-login", ip, userAgent, replay, startUtc);
            db.Set<LearningSession>().Add(session);
            db.Set<LearningEvent>().Add(LearningEvent.Create(learnerId, course.Id, unitId, session.Id, "session.opened", ip, "", startUtc));
            var at = startUtc;
            var position = 0.0;
            long seq = 0;
            foreach (var (reason, duration) in pieces)
            {
                var from = duration < TimeSpan.Zero ? at + duration : at;
                var to = duration < TimeSpan.Zero ? at : at + duration;
                var credited = reason == LedgerReason.Credited || duration < TimeSpan.Zero; // voids are credited negative rows
                var entry = new LedgerEntry(from, to, LearningLedger.BeijingDay(from), unitId, session.Id.ToString("N"), ++seq, duration, reason, credited);
                db.Set<LedgerEntryRow>().Add(LedgerEntryRow.From(entry, learnerId, course.Id, session.Id, now));
                if (duration > TimeSpan.Zero)
                {
                    at = to;
                    if (reason == LedgerReason.Credited) position += duration.TotalSeconds;
                }
                var creditedMs = credited ? (long)duration.TotalMilliseconds : 0;
                session.Record(at, creditedMs, duration > TimeSpan.Zero ? (long)duration.TotalMilliseconds : 0, position, accepted: true);
            }
            if (endReason.Length > 0) session.End(endReason, at);
            await db.SaveChangesAsync();
            return session;
        });

    /// <summary>Everything the course's completion rule asks for: time, every unit, practice.</summary>
    public static Task CompleteAsync(TestApp app, Guid learnerId, Course course, DateTime atUtc) => app.WithDbAsync(async db =>
    {
        var c = await db.Set<Course>().SingleAsync(x => x.Id == course.Id);
        var units = await db.Set<CourseUnit>().Where(u => u.CourseId == c.Id && u.ArchivedAtUtc == null).ToListAsync();
        var done = await db.Set<UnitCompletion>().Where(x => x.LearnerId == learnerId).Select(x => x.UnitId).ToListAsync();
        foreach (var u in units.Where(u => !done.Contains(u.Id)))
            db.Set<UnitCompletion>().Add(UnitCompletion.Create(learnerId, c.Id, u.Id, u.Kind == UnitKind.SelfTest ? "passed" : "watched", "test", atUtc));
        var credited = await db.Set<LedgerEntryRow>().Where(e => e.LearnerId == learnerId && e.CourseId == c.Id && e.Credited).SumAsync(e => (long?)e.DurationMs) ?? 0;
        var missing = c.RequiredMinutes * 60_000L - credited;
        if (missing > 0)
        {
            var entry = new LedgerEntry(atUtc.AddMilliseconds(-missing), atUtc, LearningLedger.BeijingDay(atUtc.AddMilliseconds(-missing)), units[0].Id, "fill", 1,
                TimeSpan.FromMilliseconds(missing), LedgerReason.Credited, true);
            db.Set<LedgerEntryRow>().Add(LedgerEntryRow.From(entry, learnerId, c.Id, Guid.Empty, atUtc));
        }
        if (c.PracticeMinAnswered > 0 || c.PracticeMinAccuracyPercent > 0)
        {
            var n = Math.Max(1, c.PracticeMinAnswered);
            var attempt = PracticeAttempt.Start(learnerId, c.Id, PracticeMode.Special, null, "1.1", [.. Enumerable.Range(0, n).Select(_ => Guid.NewGuid())], 0, atUtc.AddMinutes(-10));
            attempt.Submit(n, n, atUtc);
            db.Set<PracticeAttempt>().Add(attempt);
        }
        await db.SaveChangesAsync();
        return true;
    });

    public static Task<CourseActivation> ActivationAsync(TestApp app, Guid learnerId, Guid projectId, int learningDays, string? closeReason = null)
        => app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var a = CourseActivation.Open(Guid.NewGuid(), learnerId, projectId, learningDays, Math.Max(learningDays, 1), now.AddDays(-1));
            if (closeReason is not null) a.Close(closeReason, now.AddHours(-1));
            db.Set<CourseActivation>().Add(a);
            await db.SaveChangesAsync();
            return a;
        });

    public static Task<AppUser> UserAsync(TestApp app, string realName)
        => app.WithDbAsync(db => db.Set<AppUser>().SingleAsync(u => u.RealName == realName));

    public static string Name(string seq) => "学员" + new string(seq.Select(c => "零一二三四五六七八九"[c - '0']).ToArray());
}
