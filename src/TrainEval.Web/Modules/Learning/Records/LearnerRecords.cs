using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>A learner's course and their latest activation of the project.</summary>
public sealed record LearnerCourse(Course Course, CourseActivation Activation);

/// <summary>One learning session as the learner and staff see it (LRN-06).</summary>
public sealed record SessionRecord(Guid Id, DateTime StartedAtUtc, DateTime? LoginAtUtc, DateTime? LastHeartbeatUtc, DateTime? EndedAtUtc,
    string UnitTitle, double UnitSeconds, long RecordedMs, long CreditedMs, double FurthestPosition, string Ip, string Device, bool IsReplay,
    string EndReason, int Heartbeats, int Refusals)
{
    /// <summary>Furthest position reached in the unit as a share of its length (0–100), when the length is known.</summary>
    public int? ProgressPercent => UnitSeconds > 0 ? (int)Math.Min(100, Math.Floor(100 * FurthestPosition / UnitSeconds)) : null;

    public string Position => UnitSeconds > 0 ? $"{Clock(FurthestPosition)} / {Clock(UnitSeconds)}" : Clock(FurthestPosition);

    private static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes:00}:{t.Seconds:00}";
    }
}

public sealed record UnitRecord(Guid Id, string Title, UnitKind Kind, bool Required, DateTime? CompletedAtUtc, string How);

public sealed record AnomalyRecord(string Rule, DateTime WindowFromUtc, DateTime WindowToUtc, AnomalyStatus Status, DateTime DetectedAtUtc);

/// <summary>The learner's summary of one course: effective time, units, practice, replays, anomalies (LRN-06).</summary>
public sealed record RecordSummary(long EffectiveMs, long TodayMs, long WeekMs, int UnitsDone, int UnitsRequired, int PracticeRounds,
    int PracticeAnswered, int PracticeCorrect, int SelfTestsPassed, int SelfTests, int Replays, int Sessions)
{
    public int PracticeAccuracy => PracticeAnswered == 0 ? 0 : (int)Math.Floor(100.0 * PracticeCorrect / PracticeAnswered);
}

public sealed record RecordsOverview(RecordSummary Summary, IReadOnlyList<UnitRecord> Units, IReadOnlyList<SessionRecord> Sessions,
    IReadOnlyList<AnomalyRecord> Anomalies, IReadOnlyList<TrendBucket> Trend);

/// <summary>Ledger rows of one reason within a session, with their total.</summary>
public sealed record ReasonGroup(string Code, string Label, bool Credited, int Count, long DurationMs);

public sealed record LedgerLine(DateTime FromUtc, DateTime ToUtc, string UnitTitle, long DurationMs, string Code, string Label, bool Credited);

public sealed record EventLine(DateTime AtUtc, string Kind, string Label, string Detail, string Ip);

public sealed record SessionExplanation(SessionRecord Session, IReadOnlyList<ReasonGroup> Groups, IReadOnlyList<LedgerLine> Lines,
    IReadOnlyList<EventLine> Events);

/// <summary>
/// The learner's own records (LRN-06, LRN-07): read-only queries, always filtered to the signed-in learner's id.
/// </summary>
public sealed class LearnerRecords(AppDbContext db)
{
    /// <summary>Days in the learner's own trend chart.</summary>
    public const int TrendDays = 30;
    /// <summary>Login audit actions (the login time of a session is the latest of these before it started).</summary>
    private static readonly string[] LoginActions = ["login.succeeded", "login.succeeded_2fa", "account.registered"];

    public async Task<LearnerCourse?> FindAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var activation = await db.Set<CourseActivation>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.ProjectId == projectId)
            .OrderByDescending(a => a.ActivatedAtUtc).FirstOrDefaultAsync(ct);
        if (activation is null) return null;
        var course = await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct);
        return course is null ? null : new LearnerCourse(course, activation);
    }

    public async Task<RecordsOverview> OverviewAsync(Guid learnerId, Course course, DateTime nowUtc, CancellationToken ct)
    {
        var today = RecordFormats.BeijingDay(nowUtc);
        var weekStart = RecordFormats.WeekStart(today);
        var trendFrom = today.AddDays(-(TrendDays - 1));
        var ledger = db.Set<LedgerEntryRow>().AsNoTracking().Where(e => e.LearnerId == learnerId && e.CourseId == course.Id && e.Credited);
        var effective = await ledger.SumAsync(e => (long?)e.DurationMs, ct) ?? 0;
        var perDay = await ledger.Where(e => e.BeijingDay >= (trendFrom < weekStart ? trendFrom : weekStart))
            .GroupBy(e => e.BeijingDay).Select(g => new { Day = g.Key, Ms = g.Sum(e => e.DurationMs) }).ToDictionaryAsync(x => x.Day, x => x.Ms, ct);

        var units = await UnitsAsync(learnerId, course.Id, ct);
        var sessions = await SessionsAsync(db.Set<LearningSession>().Where(s => s.LearnerId == learnerId && s.CourseId == course.Id), learnerId, ct);
        var practice = await db.Set<PracticeAttempt>().AsNoTracking()
            .Where(a => a.LearnerId == learnerId && a.CourseId == course.Id && a.SubmittedAtUtc != null)
            .GroupBy(a => 1).Select(g => new { Rounds = g.Count(), Answered = g.Sum(a => a.AnsweredCount), Correct = g.Sum(a => a.CorrectCount) })
            .FirstOrDefaultAsync(ct);
        var anomalies = await db.Set<LearningAnomaly>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.CourseId == course.Id)
            .OrderByDescending(a => a.DetectedAtUtc)
            .Select(a => new AnomalyRecord(a.Rule, a.WindowFromUtc, a.WindowToUtc, a.Status, a.DetectedAtUtc)).ToListAsync(ct);

        var required = units.Where(u => u.Required).ToList();
        var selfTests = units.Where(u => u.Kind == UnitKind.SelfTest).ToList();
        var summary = new RecordSummary(effective, perDay.GetValueOrDefault(today), perDay.Where(d => d.Key >= weekStart).Sum(d => d.Value),
            required.Count(u => u.CompletedAtUtc is not null), required.Count, practice?.Rounds ?? 0, practice?.Answered ?? 0, practice?.Correct ?? 0,
            selfTests.Count(u => u.CompletedAtUtc is not null), selfTests.Count, sessions.Count(s => s.IsReplay), sessions.Count(s => !s.IsReplay));
        return new RecordsOverview(summary, units, sessions, anomalies, Trend.Build(perDay, trendFrom, today, TrendGranularity.Day));
    }

    /// <summary>The course's current (non-archived) units in order with the learner's completion.</summary>
    public async Task<IReadOnlyList<UnitRecord>> UnitsAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var units = await (from u in db.Set<CourseUnit>().AsNoTracking()
                           join s in db.Set<CourseSection>().AsNoTracking() on u.SectionId equals s.Id
                           where u.CourseId == courseId && u.ArchivedAtUtc == null
                           orderby s.Order, u.Order
                           select new { u.Id, u.Title, u.Kind, u.Required }).ToListAsync(ct);
        var done = await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.LearnerId == learnerId && c.CourseId == courseId)
            .Select(c => new { c.UnitId, c.CompletedAtUtc, c.How }).ToListAsync(ct);
        var byUnit = done.GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.CompletedAtUtc).First());
        return [.. units.Select(u => byUnit.TryGetValue(u.Id, out var d)
            ? new UnitRecord(u.Id, u.Title, u.Kind, u.Required, d.CompletedAtUtc, d.How)
            : new UnitRecord(u.Id, u.Title, u.Kind, u.Required, null, ""))];
    }

    /// <summary>Sessions newest first, with the unit title and the login time of the login session they were opened in.</summary>
    public async Task<IReadOnlyList<SessionRecord>> SessionsAsync(IQueryable<LearningSession> sessions, Guid learnerId, CancellationToken ct)
    {
        var rows = await (from s in sessions.AsNoTracking()
                          join u in db.Set<CourseUnit>().AsNoTracking() on s.UnitId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          orderby s.StartedAtUtc descending
                          select new { s, Title = u == null ? "" : u.Title, Seconds = u == null ? 0 : u.DurationSeconds }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var first = rows[^1].s.StartedAtUtc.AddDays(-1);
        var logins = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ActorUserId == learnerId && LoginActions.Contains(a.Action) && a.AtUtc >= first)
            .OrderBy(a => a.AtUtc).Select(a => a.AtUtc).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var s = r.s;
            var login = logins.LastOrDefault(t => t <= s.StartedAtUtc);
            return new SessionRecord(s.Id, s.StartedAtUtc, login == default ? null : login, s.LastHeartbeatUtc, s.EndedAtUtc, r.Title, r.Seconds, s.RecordedMs, s.CreditedMs,
                s.FurthestPosition, s.Ip, DeviceSummary.Describe(s.UserAgent), s.IsReplay, s.EndReason, s.Heartbeats, s.Refusals);
        })];
    }

    /// <summary>Why each stretch of a session counted or not: its ledger rows grouped by reason, the rows, and its events. Own sessions only.</summary>
    public async Task<SessionExplanation?> ExplainAsync(Guid learnerId, Guid courseId, Guid sessionId, CancellationToken ct)
    {
        var session = (await SessionsAsync(db.Set<LearningSession>().Where(s => s.Id == sessionId && s.LearnerId == learnerId && s.CourseId == courseId),
            learnerId, ct)).FirstOrDefault();
        if (session is null) return null;
        var rows = await (from e in db.Set<LedgerEntryRow>().AsNoTracking()
                          join u in db.Set<CourseUnit>().AsNoTracking() on e.UnitId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          where e.PlayerSessionId == sessionId && e.LearnerId == learnerId
                          orderby e.FromUtc, e.Id
                          select new { e.FromUtc, e.ToUtc, Title = u == null ? "" : u.Title, e.DurationMs, e.Reason, e.Credited }).ToListAsync(ct);
        var lines = rows.Select(r => new LedgerLine(r.FromUtc, r.ToUtc, r.Title, r.DurationMs, r.Reason, LedgerReasonLabels.For(r.Reason), r.Credited)).ToList();
        var groups = lines.GroupBy(l => (l.Code, l.Credited))
            .Select(g => new ReasonGroup(g.Key.Code, LedgerReasonLabels.For(g.Key.Code), g.Key.Credited, g.Count(), g.Sum(l => l.DurationMs)))
            .OrderByDescending(g => g.Credited).ThenByDescending(g => Math.Abs(g.DurationMs)).ThenBy(g => g.Code, StringComparer.Ordinal).ToList();
        var events = await db.Set<LearningEvent>().AsNoTracking().Where(e => e.PlayerSessionId == sessionId && e.LearnerId == learnerId)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.AtUtc, e.Kind, e.Detail, e.Ip }).ToListAsync(ct);
        return new SessionExplanation(session, groups, lines,
            [.. events.Select(e => new EventLine(e.AtUtc, e.Kind, RecordLabels.EventKind(e.Kind), RecordLabels.EventDetail(e.Detail), e.Ip))]);
    }
}
