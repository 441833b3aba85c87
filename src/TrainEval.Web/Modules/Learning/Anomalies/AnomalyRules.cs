using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Learning.Anomalies;

/// <summary>
/// The anomaly rules of LRN-08 (see README.md in this folder for the thresholds and why). Each finding names its
/// learner, course, rule and a window start that is stable across runs, so re-running never raises a flag twice.
/// </summary>
public static class AnomalyRules
{
    public const string FastCompletion = "fast-completion", NoInteraction = "no-interaction", IpChanges = "ip-changes",
        ManyDevices = "many-devices", FastPractice = "fast-practice";

    /// <summary>At least this many units completed within <see cref="FastCompletionWindow"/>.</summary>
    public const int FastCompletionUnits = 5;
    public static readonly TimeSpan FastCompletionWindow = TimeSpan.FromMinutes(30);
    /// <summary>Idle (unanswered interaction prompt while playing) time in one learning session.</summary>
    public static readonly TimeSpan NoInteractionIdle = TimeSpan.FromMinutes(20);
    /// <summary>Distinct IP addresses in one Beijing day.</summary>
    public const int IpChangesPerDay = 3;
    /// <summary>Distinct devices (browser user agents) in one Beijing day.</summary>
    public const int DevicesPerDay = 3;
    /// <summary>Practice rounds of at least this many answers at under <see cref="FastPracticeSecondsPerAnswer"/> each (the practice module's rule).</summary>
    public const int FastPracticeMinAnswers = PracticeStats.FastMinAnswered;
    public const int FastPracticeSecondsPerAnswer = PracticeStats.FastSecondsPerAnswer;

    public static string Label(string rule) => rule switch
    {
        FastCompletion => "短时间内完成大量学习任务",
        NoInteraction => "长时间播放无互动",
        IpChanges => "IP 地址频繁变化",
        ManyDevices => "多设备登录学习",
        FastPractice => "练习答题速度异常",
        _ => rule,
    };

    public sealed record Finding(Guid LearnerId, Guid CourseId, string Rule, DateTime FromUtc, DateTime ToUtc, string Detail);

    /// <summary>Units completed in bursts: ≥ 5 within any 30 minutes.</summary>
    public static IEnumerable<Finding> FastCompletions(IEnumerable<(Guid Learner, Guid Course, DateTime At)> completions)
    {
        foreach (var g in completions.GroupBy(c => (c.Learner, c.Course)))
        {
            var times = g.Select(c => c.At).Order().ToList();
            var i = 0;
            while (i + FastCompletionUnits - 1 < times.Count)
            {
                var j = i + FastCompletionUnits - 1;
                if (times[j] - times[i] <= FastCompletionWindow)
                {
                    while (j + 1 < times.Count && times[j + 1] - times[i] <= FastCompletionWindow) j++;
                    yield return new Finding(g.Key.Learner, g.Key.Course, FastCompletion, times[i], times[j],
                        $"{j - i + 1} 项学习任务在 {(times[j] - times[i]).TotalMinutes:F0} 分钟内完成");
                    i = j + 1;
                }
                else i++;
            }
        }
    }

    /// <summary>Sessions, days: distinct values per learner, course and Beijing day at or above the threshold.</summary>
    public static IEnumerable<Finding> DistinctPerDay(IEnumerable<(Guid Learner, Guid Course, DateTime At, string Value)> sessions, int threshold, string rule, string what)
    {
        foreach (var g in sessions.Where(s => s.Value.Length > 0).GroupBy(s => (s.Learner, s.Course, Day: LearningLedger.BeijingDay(s.At))))
        {
            var distinct = g.Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count < threshold) continue;
            var dayStart = LearningLedger.NextBeijingMidnightUtc(g.Key.Day.AddDays(-1));
            yield return new Finding(g.Key.Learner, g.Key.Course, rule, dayStart, dayStart.AddDays(1),
                $"{g.Key.Day:yyyy-MM-dd} 使用了 {distinct.Count} 个不同的{what}");
        }
    }

    /// <summary>A device family from a user agent (browser + platform), so one browser updating is not a new device.</summary>
    public static string Device(string userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "";
        string Find(params string[] names) => names.FirstOrDefault(n => userAgent.Contains(n, StringComparison.OrdinalIgnoreCase)) ?? "";
        var platform = Find("Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux");
        var browser = Find("MicroMessenger", "Edg", "Firefox", "Chrome", "Safari");
        return platform.Length + browser.Length == 0 ? userAgent.Trim()[..Math.Min(60, userAgent.Trim().Length)] : $"{platform}/{browser}";
    }
}

/// <summary>
/// Runs the rules over the last day of records every 10 minutes and raises flags for manual review (LRN-08).
/// Idempotent: the unique (learner, course, rule, window start) index and a pre-check keep re-runs from duplicating.
/// </summary>
public sealed class DetectAnomaliesJob(AppDbContext db, AuditLog audit, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    public string Name => "learning-anomalies";
    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Lookback;
        var findings = new List<AnomalyRules.Finding>();

        var completions = await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.CompletedAtUtc >= since - AnomalyRules.FastCompletionWindow)
            .Select(c => new { c.LearnerId, c.CourseId, c.CompletedAtUtc }).ToListAsync(ct);
        findings.AddRange(AnomalyRules.FastCompletions(completions.Select(c => (c.LearnerId, c.CourseId, c.CompletedAtUtc))));

        var idle = LedgerReason.Idle.Code();
        var idleMs = (long)AnomalyRules.NoInteractionIdle.TotalMilliseconds;
        var idleSessions = await db.Set<LedgerEntryRow>().AsNoTracking().Where(r => r.Reason == idle && r.ToUtc >= since)
            .GroupBy(r => new { r.LearnerId, r.CourseId, r.PlayerSessionId })
            .Select(g => new { g.Key.LearnerId, g.Key.CourseId, Ms = g.Sum(r => r.DurationMs), From = g.Min(r => r.FromUtc), To = g.Max(r => r.ToUtc) })
            .Where(g => g.Ms >= idleMs).ToListAsync(ct);
        findings.AddRange(idleSessions.Select(s => new AnomalyRules.Finding(s.LearnerId, s.CourseId, AnomalyRules.NoInteraction, s.From, s.To,
            $"同一学习会话中 {s.Ms / 60_000} 分钟播放未响应在学确认")));

        var sessions = await db.Set<LearningSession>().AsNoTracking().Where(s => s.StartedAtUtc >= since)
            .Select(s => new { s.LearnerId, s.CourseId, s.StartedAtUtc, s.Ip, s.UserAgent }).ToListAsync(ct);
        findings.AddRange(AnomalyRules.DistinctPerDay(sessions.Select(s => (s.LearnerId, s.CourseId, s.StartedAtUtc, s.Ip)),
            AnomalyRules.IpChangesPerDay, AnomalyRules.IpChanges, "IP 地址"));
        findings.AddRange(AnomalyRules.DistinctPerDay(sessions.Select(s => (s.LearnerId, s.CourseId, s.StartedAtUtc, AnomalyRules.Device(s.UserAgent))),
            AnomalyRules.DevicesPerDay, AnomalyRules.ManyDevices, "设备"));

        var fast = await db.Set<PracticeAttempt>().AsNoTracking()
            .Where(a => a.SubmittedAtUtc >= since && a.AnsweredCount >= AnomalyRules.FastPracticeMinAnswers
                && a.DurationSeconds < AnomalyRules.FastPracticeSecondsPerAnswer * a.AnsweredCount)
            .Select(a => new { a.LearnerId, a.CourseId, a.StartedAtUtc, a.SubmittedAtUtc, a.AnsweredCount, a.DurationSeconds }).ToListAsync(ct);
        findings.AddRange(fast.Select(a => new AnomalyRules.Finding(a.LearnerId, a.CourseId, AnomalyRules.FastPractice, a.StartedAtUtc, a.SubmittedAtUtc!.Value,
            $"{a.AnsweredCount} 道题用时 {a.DurationSeconds} 秒")));

        if (findings.Count == 0) return 0;
        var learnerIds = findings.Select(f => f.LearnerId).Distinct().ToList();
        var existing = (await db.Set<LearningAnomaly>().AsNoTracking().Where(a => learnerIds.Contains(a.LearnerId))
            .Select(a => new { a.LearnerId, a.CourseId, a.Rule, a.WindowFromUtc }).ToListAsync(ct))
            .Select(a => (a.LearnerId, a.CourseId, a.Rule, a.WindowFromUtc)).ToHashSet();
        var courseIds = findings.Select(f => f.CourseId).Distinct().ToList();
        var institutions = await db.Set<Course>().AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TrainingInstitutionId, ct);
        var raised = 0;
        foreach (var f in findings)
        {
            if (!existing.Add((f.LearnerId, f.CourseId, f.Rule, f.FromUtc)) || !institutions.TryGetValue(f.CourseId, out var institution)) continue;
            var flag = LearningAnomaly.Raise(f.LearnerId, f.CourseId, institution, f.Rule, f.FromUtc, f.ToUtc, f.Detail, now);
            db.Set<LearningAnomaly>().Add(flag);
            audit.RecordAs(null, "system", "", institution, "learning.anomaly.raised", "learner", f.LearnerId.ToString(), new { flag.Id, f.Rule, f.Detail });
            raised++;
        }
        await db.SaveChangesAsync(ct);
        return raised;
    }
}
