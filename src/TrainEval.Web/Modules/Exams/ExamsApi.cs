using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams;

/// <summary>Read side for other modules (journey, commitments, violations, archive). Depends on the database only.</summary>
internal sealed class ExamsApi(AppDbContext db, TimeProvider clock) : IExamsApi
{
    public Task<SittingInfo?> GetSittingAsync(Guid sittingId, CancellationToken ct)
        => db.Set<Sitting>().AsNoTracking().Where(s => s.Id == sittingId).Select(Info).FirstOrDefaultAsync(ct);

    public Task<bool> IsCandidateAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
        => db.Set<SittingCandidate>().AnyAsync(c => c.SittingId == sittingId && c.LearnerId == learnerId && c.RemovedAtUtc == null, ct);

    public async Task<IReadOnlyList<SittingInfo>> ListSittingsOfLearnerAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
    {
        var ids = db.Set<SittingCandidate>().Where(c => c.LearnerId == learnerId && c.RemovedAtUtc == null).Select(c => c.SittingId);
        var list = await db.Set<Sitting>().AsNoTracking().Where(s => ids.Contains(s.Id) && (projectId == null || s.ProjectId == projectId))
            .Select(Info).ToListAsync(ct);
        return [.. list.OrderBy(s => s.StartsAtUtc)];
    }

    public async Task<IReadOnlyList<AttemptInfo>> ListAttemptsAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
    {
        var list = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.LearnerId == learnerId && (projectId == null || a.ProjectId == projectId))
            .ToListAsync(ct);
        return [.. list.OrderBy(a => a.CreatedAtUtc).Select(ToInfo)];
    }

    public async Task<int> StageVoidResultsAsync(Guid learnerId, Guid sittingId, bool wholeBatch, string reason, Guid violationId, CancellationToken ct)
    {
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return 0;
        var sittingIds = wholeBatch
            ? await db.Set<Sitting>().Where(s => s.ProjectId == sitting.ProjectId && s.Batch == sitting.Batch).Select(s => s.Id).ToListAsync(ct)
            : [sittingId];
        var attempts = await db.Set<ExamAttempt>().Where(a => a.LearnerId == learnerId && sittingIds.Contains(a.SittingId)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in attempts.Where(a => a.ResultState != ResultState.Cancelled))
        {
            a.SetResult(ResultState.Cancelled, $"违纪处理（{violationId}）：{reason}", now, CancelCause.Violation);
            db.Set<AttemptEvent>().Add(AttemptEvent.Create(a.Id, AttemptEventKinds.Voided, now, null, $"违纪处理 {violationId}：{reason}", null, null));
        }
        return attempts.Count(a => db.Entry(a).State == EntityState.Modified);
    }

    internal static AttemptInfo ToInfo(ExamAttempt a) => new(a.Id, a.SittingId, a.ProjectId, a.LearnerId, a.AttemptNo,
        a.State switch { AttemptState.InProgress => "in_progress", AttemptState.Submitted => "submitted", _ => "ready" },
        a.StartedAtUtc, a.SubmittedAtUtc, a.SubmitMode?.ToString().ToLowerInvariant(),
        a.Score, a.MaxScore, a.Passed, a.ResultState.ToString().ToLowerInvariant());

    private static readonly System.Linq.Expressions.Expression<Func<Sitting, SittingInfo>> Info = s => new SittingInfo(s.Id, s.ProjectId,
        s.EvaluationInstitutionId, s.Batch, s.Subject, s.Name, s.IsMakeup, s.StartsAtUtc, s.EndsAtUtc, s.DurationMinutes, s.LateEntryMinutes,
        s.MinSubmitMinutes, s.RulesText, s.CancelledAtUtc != null);
}
