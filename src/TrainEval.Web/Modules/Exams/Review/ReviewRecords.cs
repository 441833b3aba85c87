namespace TrainEval.Web.Modules.Exams.Review;

/// <summary>PER-02 outcomes of the post-exam review.</summary>
public enum ReviewOutcome { Confirm = 1, Correct = 2, Cancel = 3, Hold = 4 }

/// <summary>
/// One decision of the post-exam review of an attempt (PER-01/02). Append-only: a later decision supersedes an earlier one;
/// a correction keeps the original score next to the corrected one.
/// </summary>
public sealed class AttemptReview
{
    public Guid Id { get; private set; }
    public Guid AttemptId { get; private set; }
    public ReviewOutcome Outcome { get; private set; }
    public string Reason { get; private set; } = "";
    public string Basis { get; private set; } = "";
    public string NextStep { get; private set; } = "";
    public decimal? OriginalScore { get; private set; }
    public decimal? CorrectedScore { get; private set; }
    public Guid ReviewerId { get; private set; }
    public DateTime AtUtc { get; private set; }

    private AttemptReview() { }

    public static AttemptReview Create(Guid attemptId, ReviewOutcome outcome, string reason, string basis, string nextStep,
        decimal? originalScore, decimal? correctedScore, Guid reviewerId, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), AttemptId = attemptId, Outcome = outcome, Reason = reason, Basis = basis, NextStep = nextStep,
        OriginalScore = originalScore, CorrectedScore = correctedScore, ReviewerId = reviewerId, AtUtc = nowUtc,
    };

    public static string Label(ReviewOutcome o) => o switch
    {
        ReviewOutcome.Confirm => "确认并发布", ReviewOutcome.Correct => "数据更正", ReviewOutcome.Cancel => "取消成绩", ReviewOutcome.Hold => "暂缓发布", _ => o.ToString(),
    };
}

/// <summary>A learner's appeal of a published result (PER-02), recorded with the case and answered by staff.</summary>
public sealed class ResultAppeal
{
    public Guid Id { get; private set; }
    public Guid AttemptId { get; private set; }
    public Guid LearnerId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Reply { get; private set; }
    public Guid? RepliedBy { get; private set; }
    public DateTime? RepliedAtUtc { get; private set; }

    private ResultAppeal() { }

    public static ResultAppeal Create(Guid attemptId, Guid learnerId, string text, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), AttemptId = attemptId, LearnerId = learnerId, Text = text, AtUtc = nowUtc };

    public void Answer(string reply, Guid by, DateTime nowUtc)
    {
        Reply = reply;
        RepliedBy = by;
        RepliedAtUtc = nowUtc;
    }
}
