namespace TrainEval.Web.Modules.Learning;

/// <summary>
/// A learner's access to a project's course (ACT-01..03): opened after approval and confirmed payment, valid for the
/// published learning period, closed (never deleted) on refund or cancellation. One live activation per enrollment
/// is enforced by a unique index on the enrollment id.
/// </summary>
public sealed class CourseActivation
{
    public Guid Id { get; private set; }
    public Guid EnrollmentId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public DateTime ActivatedAtUtc { get; private set; }
    public DateTime LearningValidUntilUtc { get; private set; }
    public DateTime ReplayValidUntilUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public string CloseReason { get; private set; } = "";

    private CourseActivation() { }

    public static CourseActivation Open(Guid enrollmentId, Guid learnerId, Guid projectId, int learningDays, int replayDays, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), EnrollmentId = enrollmentId, LearnerId = learnerId, ProjectId = projectId, ActivatedAtUtc = nowUtc,
        LearningValidUntilUtc = nowUtc.AddDays(learningDays), ReplayValidUntilUtc = nowUtc.AddDays(replayDays),
    };

    public bool IsOpen(DateTime nowUtc) => ClosedAtUtc is null && nowUtc < LearningValidUntilUtc;

    /// <summary>Moves the learning validity end (LRN-11); the caller appends the <see cref="ActivationExtension"/> record.</summary>
    public void ExtendLearning(DateTime newUntilUtc)
    {
        if (newUntilUtc <= LearningValidUntilUtc) throw new ArgumentOutOfRangeException(nameof(newUntilUtc), "An extension must move the end later.");
        LearningValidUntilUtc = newUntilUtc;
        if (ReplayValidUntilUtc < newUntilUtc) ReplayValidUntilUtc = newUntilUtc;
    }

    public void Close(string reason, DateTime nowUtc)
    {
        if (ClosedAtUtc is not null) return;
        ClosedAtUtc = nowUtc;
        CloseReason = reason;
    }
}
