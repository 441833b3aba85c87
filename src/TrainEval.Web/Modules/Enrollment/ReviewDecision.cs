namespace TrainEval.Web.Modules.Enrollment;

public enum ReviewOutcome { Approved = 1, Resubmit = 2, Rejected = 3 }

/// <summary>
/// One review decision (REV-01..03), appended and never edited: a re-review after a dispute is a new decision that
/// names the one it reconsiders. Records the reviewer, outcome, reason, requested items and deadline.
/// </summary>
public sealed class ReviewDecision
{
    public Guid Id { get; private set; }
    public Guid EnrollmentId { get; private set; }
    public Guid ReviewerId { get; private set; }
    public string ReviewerName { get; private set; } = "";
    public ReviewOutcome Outcome { get; private set; }
    public string Reason { get; private set; } = "";
    public string ResubmitItems { get; private set; } = "";
    public DateTime? ResubmitDeadlineUtc { get; private set; }
    public DateTime DecidedAtUtc { get; private set; }
    public Guid? ReconsidersDecisionId { get; private set; }
    /// <summary>Whether the decision came after the published review time limit (REV-03).</summary>
    public bool Overdue { get; private set; }

    private ReviewDecision() { }

    public static ReviewDecision Create(Guid enrollmentId, Guid reviewerId, string reviewerName, ReviewOutcome outcome, string reason,
        IEnumerable<string> resubmitItems, DateTime? deadlineUtc, DateTime nowUtc, bool overdue, Guid? reconsiders) => new()
    {
        Id = Guid.CreateVersion7(), EnrollmentId = enrollmentId, ReviewerId = reviewerId, ReviewerName = reviewerName, Outcome = outcome,
        Reason = reason, ResubmitItems = string.Join(',', resubmitItems), ResubmitDeadlineUtc = deadlineUtc, DecidedAtUtc = nowUtc,
        Overdue = overdue, ReconsidersDecisionId = reconsiders,
    };

    public static string OutcomeName(ReviewOutcome o) => o switch
    {
        ReviewOutcome.Approved => "审核通过", ReviewOutcome.Resubmit => "补正材料", ReviewOutcome.Rejected => "不予通过", _ => "",
    };
}
