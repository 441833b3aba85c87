namespace TrainEval.Web.Modules.Exams.Sittings;

/// <summary>
/// A sitting (场次, EXM-02): one subject of a batch with a paper, a unified start and end, the time each candidate has,
/// a late-entry cut-off and an early-submission minimum. Its candidates get their attempts before the window opens
/// (<see cref="AttemptsPreparedAtUtc"/>), so the start spike only reads.
/// </summary>
public sealed class Sitting
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    public string Batch { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IsMakeup { get; private set; }
    public Guid PaperId { get; private set; }
    public DateTime StartsAtUtc { get; private set; }
    public DateTime EndsAtUtc { get; private set; }
    public int DurationMinutes { get; private set; }
    public int LateEntryMinutes { get; private set; }
    public int MinSubmitMinutes { get; private set; }
    /// <summary>Seconds after a deadline during which saves that were in flight are still taken (and marked).</summary>
    public int GraceSeconds { get; private set; }
    public string RulesText { get; private set; } = "";
    public Guid CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? AttemptsPreparedAtUtc { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }
    public string? CancelReason { get; private set; }

    private Sitting() { }

    public static Sitting Create(Guid projectId, Guid evaluationInstitutionId, string batch, string subject, string name, bool isMakeup, Guid paperId,
        DateTime startsAtUtc, DateTime endsAtUtc, int durationMinutes, int lateEntryMinutes, int minSubmitMinutes, int graceSeconds,
        string rulesText, Guid createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = projectId, EvaluationInstitutionId = evaluationInstitutionId, Batch = batch, Subject = subject,
        Name = name, IsMakeup = isMakeup, PaperId = paperId, StartsAtUtc = startsAtUtc, EndsAtUtc = endsAtUtc, DurationMinutes = durationMinutes,
        LateEntryMinutes = lateEntryMinutes, MinSubmitMinutes = minSubmitMinutes, GraceSeconds = graceSeconds, RulesText = rulesText,
        CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public DateTime LateEntryUntilUtc => StartsAtUtc.AddMinutes(LateEntryMinutes);
    public bool IsOpen(DateTime nowUtc) => CancelledAtUtc is null && nowUtc >= StartsAtUtc && nowUtc < EndsAtUtc;
    public bool HasEnded(DateTime nowUtc) => nowUtc >= EndsAtUtc;

    public void MarkPrepared(DateTime nowUtc) => AttemptsPreparedAtUtc = nowUtc;

    public void Cancel(string reason, DateTime nowUtc)
    {
        CancelledAtUtc ??= nowUtc;
        CancelReason ??= reason;
    }
}

/// <summary>A candidate of a sitting. Removal is recorded, never deleted.</summary>
public sealed class SittingCandidate
{
    public Guid Id { get; private set; }
    public Guid SittingId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid AddedBy { get; private set; }
    public DateTime AddedAtUtc { get; private set; }
    public DateTime? RemovedAtUtc { get; private set; }
    public string? RemovedReason { get; private set; }

    private SittingCandidate() { }

    public static SittingCandidate Create(Guid sittingId, Guid learnerId, Guid addedBy, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), SittingId = sittingId, LearnerId = learnerId, AddedBy = addedBy, AddedAtUtc = nowUtc };

    public void Remove(string reason, DateTime nowUtc)
    {
        RemovedAtUtc ??= nowUtc;
        RemovedReason ??= reason;
    }
}
