namespace TrainEval.Web.Modules.Exams.Public;

/// <summary>A sitting (场次): one subject of a batch (批次) with a unified window (EXM-02).</summary>
/// <param name="Batch">Sittings of one project with the same batch name are the subjects of one exam (VIO-01 tier 2 voids them all).</param>
/// <param name="CheckContext">The identity-check context its entry needs first: "exam", or "makeup" for makeup sittings.</param>
public sealed record SittingInfo(Guid Id, Guid ProjectId, Guid EvaluationInstitutionId, string Batch, string Subject, string Name,
    bool IsMakeup, DateTime StartsAtUtc, DateTime EndsAtUtc, int DurationMinutes, int LateEntryMinutes, int MinSubmitMinutes,
    string RulesText, bool Cancelled)
{
    public string CheckContext => IsMakeup ? "makeup" : "exam";
}

/// <summary>One candidate's attempt at a sitting, as other modules (archive, violations, certificates) see it.</summary>
/// <param name="State">"ready", "in_progress", "submitted".</param>
/// <param name="SubmitMode">"learner", "deadline", "staff" or null.</param>
/// <param name="ResultState">"pending", "published", "held", "cancelled".</param>
public sealed record AttemptInfo(Guid AttemptId, Guid SittingId, Guid ProjectId, Guid LearnerId, int AttemptNo, string State,
    DateTime? StartedAtUtc, DateTime? SubmittedAtUtc, string? SubmitMode, decimal? Score, decimal MaxScore, bool? Passed,
    string ResultState);

/// <summary>
/// What a learner still needs before entering a sitting (EC-02) and which identity check comes first. Identity
/// checks and exam commitments only count when made at or after <see cref="SinceUtc"/> for this sitting: the first entry
/// needs them after the candidate list was fixed, every re-entry needs new ones after the last entry (EC-01, IDV-02).
/// </summary>
/// <param name="CheckContext">"exam", "makeup" or "reentry".</param>
/// <param name="Missing">Everything else that is missing (enrolment, review, learning, learning commitment, candidacy, bans, window); empty when only identity and commitment remain.</param>
public sealed record EntryRequirement(Guid SittingId, Guid ProjectId, string CheckContext, DateTime SinceUtc, IReadOnlyList<string> Missing);

/// <summary>Read side of the exams module for other modules; never decides journey gates itself.</summary>
public interface IExamsApi
{
    Task<SittingInfo?> GetSittingAsync(Guid sittingId, CancellationToken ct);

    Task<bool> IsCandidateAsync(Guid learnerId, Guid sittingId, CancellationToken ct);

    /// <summary>Sittings the learner is a candidate of (optionally of one project), earliest first.</summary>
    Task<IReadOnlyList<SittingInfo>> ListSittingsOfLearnerAsync(Guid learnerId, Guid? projectId, CancellationToken ct);

    Task<IReadOnlyList<AttemptInfo>> ListAttemptsAsync(Guid learnerId, Guid? projectId, CancellationToken ct);

    /// <summary>
    /// VIO-01: marks the learner's results void in the caller's unit of work (saved with the caller's change): the
    /// attempts of this sitting, or of every sitting of its batch when <paramref name="wholeBatch"/>. Original answers and
    /// scores stay; the result state becomes "cancelled" with the reason. Returns how many attempts were voided.
    /// </summary>
    Task<int> StageVoidResultsAsync(Guid learnerId, Guid sittingId, bool wholeBatch, string reason, Guid violationId, CancellationToken ct);
}

/// <summary>The per-sitting entry gate (EC-02), for the commitments module's exam-commitment page.</summary>
public interface IExamEntryApi
{
    /// <summary>Null when the sitting does not exist or the learner is not its candidate.</summary>
    Task<EntryRequirement?> GetEntryRequirementAsync(Guid learnerId, Guid sittingId, CancellationToken ct);
}
