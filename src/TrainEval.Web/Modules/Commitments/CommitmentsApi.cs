using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Commitments;

internal sealed class CommitmentsApi(AppDbContext db) : ICommitmentsApi
{
    public async Task<bool> HasValidLearningCommitmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var minVersion = await MinValidVersionAsync(db, CommitmentKind.Learning, projectId, null, ct);
        return await db.Set<CommitmentRecord>().AsNoTracking().AnyAsync(r => r.LearnerId == learnerId && r.Kind == CommitmentKind.Learning
            && r.ProjectId == projectId && r.Status == RecordStatus.Signed && r.ResignRequestedAtUtc == null && r.TemplateVersion >= minVersion, ct);
    }

    public async Task<bool> HasValidExamCommitmentAsync(Guid learnerId, Guid sittingId, DateTime sinceUtc, CancellationToken ct)
        => await db.Set<CommitmentRecord>().AsNoTracking().AnyAsync(r => r.LearnerId == learnerId && r.Kind == CommitmentKind.Exam
            && r.SittingId == sittingId && r.Status == RecordStatus.Signed && r.ResignRequestedAtUtc == null && r.SignedAtUtc >= sinceUtc, ct);

    public string LearningCommitmentUrl(Guid projectId) => $"/my/commitments/learning/{projectId}";

    public string ExamCommitmentUrl(Guid sittingId) => $"/my/commitments/exam/{sittingId}";

    /// <summary>
    /// Signatures of a learning-commitment line count from the newest version published with "key matters changed"
    /// (<see cref="CommitmentTemplate.RequireResign"/>); 0 when none.
    /// </summary>
    internal static async Task<int> MinValidVersionAsync(AppDbContext db, CommitmentKind kind, Guid projectId, Guid? sittingId, CancellationToken ct)
        => await db.Set<CommitmentTemplate>().AsNoTracking()
            .Where(t => t.Kind == kind && t.ProjectId == projectId && t.SittingId == sittingId && t.Status != TemplateStatus.Draft && t.RequireResign)
            .MaxAsync(t => (int?)t.Version, ct) ?? 0;
}
