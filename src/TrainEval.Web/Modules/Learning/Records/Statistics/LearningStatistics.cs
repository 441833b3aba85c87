using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Records.Statistics;

/// <summary>Counts and times of one course (SUP-03). Averages are per enrolled learner.</summary>
public sealed record CourseStatistics(ScopedCourse Course, int Enrolled, int NotStarted, int InProgress, int Completed, int QuitAfterStart,
    int QuitBeforeStart, long CumulativeMs, long PeriodMs)
{
    public long AverageMs => Enrolled == 0 ? 0 : CumulativeMs / Enrolled;
}

/// <summary>One learner in one course (SUP-03): cumulative, daily average over active days, last 7 days, chosen period, practice, self-tests.</summary>
public sealed record LearnerStatistics(Guid LearnerId, string Name, string Account, string CourseTitle, LearnerCourseStatus Status, long CumulativeMs,
    int ActiveDays, long Last7DaysMs, long PeriodMs, int PracticeAnswered, int PracticeAccuracy, int SelfTestsPassed, int SelfTests)
{
    public long DailyAverageMs => ActiveDays == 0 ? 0 : CumulativeMs / ActiveDays;
}

public sealed record StatisticsReport(IReadOnlyList<CourseStatistics> Courses, IReadOnlyList<TrendBucket> Trend, IReadOnlyList<LearnerStatistics> Learners,
    int LearnerTotal, int Page, int Pages)
{
    public CourseStatistics? Total => Courses.Count == 0 ? null : new CourseStatistics(Courses[0].Course, Courses.Sum(c => c.Enrolled),
        Courses.Sum(c => c.NotStarted), Courses.Sum(c => c.InProgress), Courses.Sum(c => c.Completed), Courses.Sum(c => c.QuitAfterStart),
        Courses.Sum(c => c.QuitBeforeStart), Courses.Sum(c => c.CumulativeMs), Courses.Sum(c => c.PeriodMs));
}

/// <summary>
/// SUP-03 statistics per course and per learner for the courses a staff member may see. Everything is computed from a
/// fixed number of grouped queries (activations, credited time, unit completions, practice, per-day time) whatever the
/// number of learners; only the learner page asks for per-day figures of its own learners.
/// </summary>
public sealed class LearningStatistics(AppDbContext db, IAccountsApi accounts, IOptions<RecordsOptions> options)
{
    private sealed record Enrollee(Guid LearnerId, ScopedCourse Course, bool Open);

    public async Task<StatisticsReport> BuildAsync(StaffScope scope, RecordFilter filter, DateOnly from, DateOnly to, TrendGranularity granularity,
        int page, DateTime nowUtc, CancellationToken ct)
    {
        var courses = filter.Apply(scope).ToList();
        var byProject = courses.ToDictionary(c => c.ProjectId);
        var courseIds = courses.Select(c => c.Id).ToList();
        var projectIds = byProject.Keys.ToList();

        // Latest activation per learner and project.
        var activations = await db.Set<CourseActivation>().AsNoTracking().Where(a => projectIds.Contains(a.ProjectId))
            .Select(a => new { a.LearnerId, a.ProjectId, a.ActivatedAtUtc, a.ClosedAtUtc, a.LearningValidUntilUtc }).ToListAsync(ct);
        IReadOnlyList<Guid>? learnerFilter = filter.Learner.Length > 0 ? await accounts.FindLearnerIdsAsync(filter.Learner, Export.AnnexExport.MaxLearnerMatches, ct) : null;
        var enrollees = activations.Where(a => learnerFilter is null || learnerFilter.Contains(a.LearnerId))
            .GroupBy(a => (a.LearnerId, a.ProjectId)).Select(g => g.OrderByDescending(a => a.ActivatedAtUtc).First())
            .Select(a => new Enrollee(a.LearnerId, byProject[a.ProjectId], a.ClosedAtUtc == null && nowUtc < a.LearningValidUntilUtc)).ToList();

        var facts = await FactsAsync(courseIds, ct);
        var unitCounts = await db.Set<CourseUnit>().AsNoTracking().Where(u => courseIds.Contains(u.CourseId) && u.ArchivedAtUtc == null)
            .GroupBy(u => u.CourseId)
            .Select(g => new { g.Key, Required = g.Sum(u => u.Required ? 1 : 0), SelfTests = g.Sum(u => u.Kind == UnitKind.SelfTest ? 1 : 0) })
            .ToDictionaryAsync(x => x.Key, x => (x.Required, x.SelfTests), ct);

        var credited = db.Set<LedgerEntryRow>().AsNoTracking().Where(e => courseIds.Contains(e.CourseId) && e.Credited);
        var inPeriod = credited.Where(e => e.BeijingDay >= from && e.BeijingDay <= to);
        if (learnerFilter is not null) inPeriod = inPeriod.Where(e => learnerFilter.Contains(e.LearnerId));
        var perDay = await inPeriod.GroupBy(e => new { e.CourseId, e.BeijingDay }).Select(g => new { g.Key.CourseId, g.Key.BeijingDay, Ms = g.Sum(e => e.DurationMs) })
            .ToListAsync(ct);

        var classified = enrollees.Select(e =>
        {
            var f = facts.GetValueOrDefault((e.Course.Id, e.LearnerId), CompletionFacts.None);
            var (required, selfTests) = unitCounts.GetValueOrDefault(e.Course.Id);
            var status = CompletionBatch.Classify(CompletionBatch.Met(e.Course.Course.Rules, required, selfTests, f), f.EffectiveMs, e.Open);
            return (Enrollee: e, Facts: f, Status: status, SelfTests: selfTests);
        }).ToList();

        var courseStats = courses.Select(c =>
        {
            var mine = classified.Where(x => x.Enrollee.Course.Id == c.Id).ToList();
            int Count(LearnerCourseStatus s) => mine.Count(x => x.Status == s);
            return new CourseStatistics(c, mine.Count, Count(LearnerCourseStatus.NotStarted), Count(LearnerCourseStatus.InProgress),
                Count(LearnerCourseStatus.Completed), Count(LearnerCourseStatus.QuitAfterStart), Count(LearnerCourseStatus.QuitBeforeStart),
                mine.Sum(x => x.Facts.EffectiveMs), perDay.Where(d => d.CourseId == c.Id).Sum(d => d.Ms));
        }).ToList();

        var trend = Trend.Build(perDay.GroupBy(d => d.BeijingDay).ToDictionary(g => g.Key, g => g.Sum(d => d.Ms)), from, to, granularity);

        // The learner table: most effective time first, one page.
        var size = options.Value.PageSize;
        var ordered = classified.OrderByDescending(x => x.Facts.EffectiveMs).ThenBy(x => x.Enrollee.Course.ProjectName, StringComparer.Ordinal)
            .ThenBy(x => x.Enrollee.LearnerId).ToList();
        var pages = Math.Max(1, (ordered.Count + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        var slice = ordered.Skip((page - 1) * size).Take(size).ToList();
        var ids = slice.Select(x => x.Enrollee.LearnerId).Distinct().ToList();
        var identities = await accounts.GetLearnerIdentitiesAsync(ids, reveal: false, "", ct);
        var today = RecordFormats.BeijingDay(nowUtc);
        var weekAgo = today.AddDays(-6);
        var days = await credited.Where(e => ids.Contains(e.LearnerId)).GroupBy(e => new { e.LearnerId, e.CourseId, e.BeijingDay })
            .Select(g => new { g.Key.LearnerId, g.Key.CourseId, g.Key.BeijingDay, Ms = g.Sum(e => e.DurationMs) }).ToListAsync(ct);
        var learners = slice.Select(x =>
        {
            var mine = days.Where(d => d.LearnerId == x.Enrollee.LearnerId && d.CourseId == x.Enrollee.Course.Id).ToList();
            var who = identities.GetValueOrDefault(x.Enrollee.LearnerId);
            return new LearnerStatistics(x.Enrollee.LearnerId, who?.RealName ?? "", who?.Account ?? "", x.Enrollee.Course.ProjectName, x.Status,
                x.Facts.EffectiveMs, mine.Count(d => d.Ms > 0), mine.Where(d => d.BeijingDay >= weekAgo && d.BeijingDay <= today).Sum(d => d.Ms),
                mine.Where(d => d.BeijingDay >= from && d.BeijingDay <= to).Sum(d => d.Ms), x.Facts.Answered, x.Facts.AccuracyPercent,
                x.Facts.SelfTestsDone, x.SelfTests);
        }).ToList();

        return new StatisticsReport(courseStats, trend, learners, ordered.Count, page, pages);
    }

    /// <summary>Completion facts per (course, learner): effective time, required units and self-tests done, practice answered and correct.</summary>
    private async Task<Dictionary<(Guid CourseId, Guid LearnerId), CompletionFacts>> FactsAsync(List<Guid> courseIds, CancellationToken ct)
    {
        var effective = await db.Set<LedgerEntryRow>().AsNoTracking().Where(e => courseIds.Contains(e.CourseId) && e.Credited)
            .GroupBy(e => new { e.CourseId, e.LearnerId }).Select(g => new { g.Key.CourseId, g.Key.LearnerId, Ms = g.Sum(e => e.DurationMs) })
            .ToListAsync(ct);
        var units = await (from c in db.Set<UnitCompletion>().AsNoTracking()
                           join u in db.Set<CourseUnit>().AsNoTracking() on c.UnitId equals u.Id
                           where courseIds.Contains(c.CourseId) && u.ArchivedAtUtc == null
                           group u by new { c.CourseId, c.LearnerId } into g
                           select new
                           {
                               g.Key.CourseId, g.Key.LearnerId, Required = g.Sum(u => u.Required ? 1 : 0),
                               SelfTests = g.Sum(u => u.Kind == UnitKind.SelfTest ? 1 : 0),
                           }).ToListAsync(ct);
        var practice = await db.Set<PracticeAttempt>().AsNoTracking().Where(a => courseIds.Contains(a.CourseId) && a.SubmittedAtUtc != null)
            .GroupBy(a => new { a.CourseId, a.LearnerId })
            .Select(g => new { g.Key.CourseId, g.Key.LearnerId, Answered = g.Sum(a => a.AnsweredCount), Correct = g.Sum(a => a.CorrectCount) })
            .ToListAsync(ct);

        var facts = new Dictionary<(Guid, Guid), CompletionFacts>();
        CompletionFacts Get((Guid, Guid) key) => facts.GetValueOrDefault(key, CompletionFacts.None);
        foreach (var e in effective) facts[(e.CourseId, e.LearnerId)] = Get((e.CourseId, e.LearnerId)) with { EffectiveMs = e.Ms };
        foreach (var u in units) facts[(u.CourseId, u.LearnerId)] = Get((u.CourseId, u.LearnerId)) with { RequiredDone = u.Required, SelfTestsDone = u.SelfTests };
        foreach (var p in practice) facts[(p.CourseId, p.LearnerId)] = Get((p.CourseId, p.LearnerId)) with { Answered = p.Answered, Correct = p.Correct };
        return facts;
    }
}
