namespace TrainEval.Web.Modules.Learning.Public;

public sealed record ActivationInfo(Guid Id, Guid EnrollmentId, Guid ProjectId, DateTime ActivatedAtUtc, DateTime LearningValidUntilUtc,
    DateTime ReplayValidUntilUtc, bool Open, DateTime? ClosedAtUtc, string CloseReason);

public sealed record ActivationRecord(Guid Id, Guid EnrollmentId, Guid LearnerId, Guid ProjectId, DateTime ActivatedAtUtc, DateTime? ClosedAtUtc);

/// <summary>
/// Where a learner stands against the course's published completion rule (LRN-09): what is still missing, in plain
/// Chinese, and how many anomaly flags await the institution's review (they block the learning commitment, LRN-08).
/// </summary>
public sealed record LearningProgress(bool HasCourse, bool RuleMet, IReadOnlyList<string> Missing, int OpenAnomalies, long EffectiveMinutes);

/// <summary>Course access as other modules see it.</summary>
public interface ILearningApi
{
    Task<ActivationInfo?> GetActivationAsync(Guid learnerId, Guid projectId, CancellationToken ct);
    Task<ActivationInfo?> GetActivationByEnrollmentAsync(Guid enrollmentId, CancellationToken ct);
    /// <summary>Activations made for these enrollments (for anomaly reports).</summary>
    Task<IReadOnlyList<ActivationRecord>> ListActivationsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct);
    /// <summary>Stages the opening of a course in the caller's unit of work (ACT-01). No-op when already open.</summary>
    Task<bool> StageActivationAsync(Guid enrollmentId, Guid learnerId, Guid projectId, int learningDays, int replayDays, CancellationToken ct);
    /// <summary>Stages the closing of course access (refund, cancellation — ACT-02).</summary>
    Task StageCloseAsync(Guid enrollmentId, string reason, CancellationToken ct);
    /// <summary>The completion rule evaluated for the learner, with what is missing and open anomaly flags.</summary>
    Task<LearningProgress> GetProgressAsync(Guid learnerId, Guid projectId, CancellationToken ct);
}
