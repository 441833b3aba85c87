using TrainEval.Web.Modules.Learning.Content;

namespace TrainEval.Web.Modules.Learning.Records.Statistics;

/// <summary>What the completion rule looks at for one learner in one course, gathered for many learners with grouped queries.</summary>
public sealed record CompletionFacts(long EffectiveMs, int RequiredDone, int SelfTestsDone, int Answered, int Correct)
{
    public static readonly CompletionFacts None = new(0, 0, 0, 0, 0);
    public int AccuracyPercent => Answered == 0 ? 0 : (int)Math.Floor(100.0 * Correct / Answered);
}

/// <summary>Where a learner stands in a course (SUP-03: 参加 / 完成 / 开始后退出 / 未开始时退出 / 未退出且未完成).</summary>
public enum LearnerCourseStatus { NotStarted, InProgress, Completed, QuitAfterStart, QuitBeforeStart }

/// <summary>
/// The completion rule of <see cref="Completion.CompletionEvaluator"/> applied to pre-aggregated facts, so statistics can
/// classify thousands of learners with a handful of grouped queries instead of several queries per learner. It must
/// agree with the evaluator (an integration test compares both on the same learners).
/// </summary>
public static class CompletionBatch
{
    public static bool Met(CourseRules rules, int requiredUnits, int selfTestUnits, CompletionFacts f)
    {
        if (rules.RequiredMinutes > 0 && f.EffectiveMs / 60_000 < rules.RequiredMinutes) return false;
        if (rules.RequireAllUnits && f.RequiredDone != requiredUnits) return false;
        if (rules.RequireSelfTestsPassed && selfTestUnits > 0 && f.SelfTestsDone != selfTestUnits) return false;
        if (rules.PracticeMinAnswered > 0 && f.Answered < rules.PracticeMinAnswered) return false;
        if (rules.PracticeMinAccuracyPercent > 0 && (f.Answered == 0 || f.AccuracyPercent < rules.PracticeMinAccuracyPercent)) return false;
        return true;
    }

    /// <summary>
    /// Completed when the rule is met; otherwise, while the activation is open, in progress once any effective time was
    /// credited and not started before; after it closed or expired, quit after start or quit before start.
    /// </summary>
    public static LearnerCourseStatus Classify(bool met, long effectiveMs, bool open) => (met, open, effectiveMs > 0) switch
    {
        (true, _, _) => LearnerCourseStatus.Completed,
        (false, true, true) => LearnerCourseStatus.InProgress,
        (false, true, false) => LearnerCourseStatus.NotStarted,
        (false, false, true) => LearnerCourseStatus.QuitAfterStart,
        (false, false, false) => LearnerCourseStatus.QuitBeforeStart,
    };

    public static string Name(LearnerCourseStatus s) => s switch
    {
        LearnerCourseStatus.Completed => "已完成",
        LearnerCourseStatus.InProgress => "学习中",
        LearnerCourseStatus.NotStarted => "未开始",
        LearnerCourseStatus.QuitAfterStart => "开始后退出",
        LearnerCourseStatus.QuitBeforeStart => "未开始即退出",
        _ => s.ToString(),
    };
}
