using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Archive;

/// <summary>
/// ARC-01: course activations and validity extensions, every learning session, the effective-time ledger summarised per
/// course and Beijing day with the total per reason code (the rows themselves stay in the learning records export), and
/// anomaly flags with their decisions. Records belong to the course's training institution.
/// </summary>
public sealed class LearningArchive(AppDbContext db) : IArchiveContributor
{
    public string Key => "learning";
    public string Title => "课程学习";
    public int Order => 30;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var learnerId = request.LearnerId;
        var ids = request.InstitutionIds;
        var activations = await db.Set<CourseActivation>().AsNoTracking().Where(a => a.LearnerId == learnerId).ToListAsync(ct);
        var sessions = await db.Set<LearningSession>().AsNoTracking().Where(s => s.LearnerId == learnerId).ToListAsync(ct);
        var ledger = await db.Set<LedgerEntryRow>().AsNoTracking().Where(e => e.LearnerId == learnerId)
            .GroupBy(e => new { e.CourseId, e.BeijingDay, e.Reason, e.Credited })
            .Select(g => new { g.Key.CourseId, g.Key.BeijingDay, g.Key.Reason, g.Key.Credited, Ms = g.Sum(e => e.DurationMs), Count = g.Count() })
            .ToListAsync(ct);
        var anomalies = await db.Set<LearningAnomaly>().AsNoTracking().Where(a => a.LearnerId == learnerId).ToListAsync(ct);
        var courseIds = sessions.Select(s => s.CourseId).Concat(ledger.Select(l => l.CourseId)).Concat(anomalies.Select(a => a.CourseId)).Distinct().ToList();
        var activatedProjects = activations.Select(a => a.ProjectId).Distinct().ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => courseIds.Contains(c.Id) || activatedProjects.Contains(c.ProjectId))
            .ToDictionaryAsync(c => c.Id, c => new { c.Title, c.ProjectId, c.TrainingInstitutionId }, ct);
        var projectInstitution = courses.Values.GroupBy(c => c.ProjectId).ToDictionary(g => g.Key, g => g.First().TrainingInstitutionId);
        bool CourseInScope(Guid courseId) => ids is null || (courses.TryGetValue(courseId, out var c) && ids.Contains(c.TrainingInstitutionId));
        if (ids is not null)
        {
            // An activation's project may have no course yet; then its institution is unknown here and the record stays out of a limited view.
            activations = [.. activations.Where(a => projectInstitution.TryGetValue(a.ProjectId, out var i) && ids.Contains(i))];
            sessions = [.. sessions.Where(s => CourseInScope(s.CourseId))];
            ledger = [.. ledger.Where(l => CourseInScope(l.CourseId))];
            anomalies = [.. anomalies.Where(a => ids.Contains(a.TrainingInstitutionId))];
        }
        string CourseTitle(Guid id) => courses.TryGetValue(id, out var c) ? c.Title : "";

        var activationIds = activations.Select(a => a.Id).ToList();
        var extensions = await db.Set<ActivationExtension>().AsNoTracking().Where(x => activationIds.Contains(x.ActivationId)).ToListAsync(ct);
        var anomalyIds = anomalies.Select(a => a.Id).ToList();
        var decisions = await db.Set<AnomalyDecision>().AsNoTracking().Where(d => anomalyIds.Contains(d.AnomalyId)).ToListAsync(ct);
        var unitIds = sessions.Select(s => s.UnitId).Distinct().ToList();
        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Title, ct);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        foreach (var a in activations.OrderBy(a => a.ActivatedAtUtc))
        {
            records.Add(ArchiveFields.Record("learning_activation", a.Id, a));
            events.Add(new(a.ActivatedAtUtc, "课程开通", $"学习有效期至 {a.LearningValidUntilUtc.AddHours(8):yyyy-MM-dd}"));
            if (a.ClosedAtUtc is { } closed) events.Add(new(closed, "课程关闭", a.CloseReason));
        }
        foreach (var x in extensions.OrderBy(x => x.AtUtc))
        {
            records.Add(ArchiveFields.Record("learning_validity_extension", x.Id, x));
            events.Add(new(x.AtUtc, "学习有效期延期", $"延至 {x.NewUntilUtc.AddHours(8):yyyy-MM-dd}：{x.Reason}"));
        }
        foreach (var s in sessions.OrderBy(s => s.StartedAtUtc))
        {
            var fields = ArchiveFields.Of(s, nameof(LearningSession.LoginSessionId));
            fields["CourseTitle"] = CourseTitle(s.CourseId);
            fields["UnitTitle"] = units.GetValueOrDefault(s.UnitId, "");
            records.Add(new("learning_session", s.Id.ToString(), fields));
            events.Add(new(s.StartedAtUtc, s.IsReplay ? "课程回看" : "学习", $"{units.GetValueOrDefault(s.UnitId, "")}，有效 {Minutes(s.CreditedMs)}"));
        }
        foreach (var day in ledger.GroupBy(l => new { l.CourseId, l.BeijingDay }).OrderBy(g => g.Key.BeijingDay))
        {
            var credited = day.Where(l => l.Credited).Sum(l => l.Ms);
            var recorded = day.Where(l => l.Ms > 0).Sum(l => l.Ms);
            var reasons = day.GroupBy(l => l.Reason).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (object?)new Dictionary<string, object?> { ["Ms"] = g.Sum(l => l.Ms), ["Entries"] = g.Sum(l => l.Count) });
            records.Add(new("learning_ledger_day", $"{day.Key.CourseId}-{day.Key.BeijingDay:yyyyMMdd}", new Dictionary<string, object?>
            {
                ["CourseId"] = day.Key.CourseId, ["CourseTitle"] = CourseTitle(day.Key.CourseId), ["BeijingDay"] = day.Key.BeijingDay,
                ["CreditedMs"] = credited, ["RecordedMs"] = recorded, ["Reasons"] = reasons,
            }));
            // Pinned to 23:59 Beijing time (15:59 UTC) so the day's summary follows that day's sessions.
            var at = day.Key.BeijingDay.ToDateTime(new TimeOnly(15, 59), DateTimeKind.Utc);
            events.Add(new(at, "当日学时汇总", $"{CourseTitle(day.Key.CourseId)}：有效 {Minutes(credited)} / 记录 {Minutes(recorded)}"));
        }
        foreach (var a in anomalies.OrderBy(a => a.DetectedAtUtc))
        {
            var fields = ArchiveFields.Of(a);
            fields["RuleName"] = AnomalyRules.Label(a.Rule);
            fields["Decisions"] = decisions.Where(d => d.AnomalyId == a.Id).OrderBy(d => d.AtUtc).Select(d => (object?)ArchiveFields.Of(d)).ToList();
            records.Add(new("learning_anomaly", a.Id.ToString(), fields));
            events.Add(new(a.DetectedAtUtc, "学习异常标记", AnomalyRules.Label(a.Rule)));
            foreach (var d in decisions.Where(d => d.AnomalyId == a.Id))
                events.Add(new(d.AtUtc, d.Decision == AnomalyStatus.Confirmed ? "学习异常确认（作废学时）" : "学习异常排除", d.Note, d.ByName));
        }
        return new(events, records, []);
    }

    private static string Minutes(long ms) => $"{ms / 60000} 分钟";
}
