using TrainEval.Web.Modules.Exams.Attempts;

namespace TrainEval.Web.Modules.Exams.Makeup;

/// <summary>One attempt of a learner at one subject of a project, with its sitting: a line of the result history.</summary>
public sealed record SubjectAttempt(Guid AttemptId, Guid SittingId, string SittingName, bool IsMakeup, DateTime StartsAtUtc, DateTime EndsAtUtc,
    bool SittingCancelled, int AttemptNo, AttemptState State, ResultState Result, bool? Passed, decimal? Score, decimal MaxScore,
    DateTime? ResultChangedAtUtc, string? ResultNote, CancelCause Cause = CancelCause.None);

/// <summary>Whether an attempt may be made up now: the case, the end of the application window, and everything that stands in the way.</summary>
public sealed record MakeupEligibility(MakeupCase? Case, DateTime? WindowEndsUtc, IReadOnlyList<string> Problems)
{
    public bool Eligible => Case is not null && Problems.Count == 0;
}

/// <summary>
/// The makeup rules as pure functions (MKP-01): which case an attempt is in, whether it may be made up under the
/// published rules, and which of the separately kept results counts (seed 000 §13.4 "补考结果应与正式考试结果分别记录").
/// </summary>
public static class MakeupPolicy
{
    /// <summary>Attempts of one subject in the order they were taken: sitting start, then attempt number (re-sits).</summary>
    public static IReadOnlyList<SubjectAttempt> Ordered(IEnumerable<SubjectAttempt> attempts)
        => [.. attempts.OrderBy(a => a.StartsAtUtc).ThenBy(a => a.AttemptNo)];

    /// <summary>The result that counts: the latest published one (a makeup's result replaces the earlier one; both stay on record).</summary>
    public static SubjectAttempt? Counting(IEnumerable<SubjectAttempt> attempts)
        => Ordered(attempts).LastOrDefault(a => a.Result == ResultState.Published);

    /// <summary>The makeup case of an attempt and when its application window opened; null when none applies (passed, pending, held, voided).</summary>
    public static (MakeupCase Case, DateTime From)? CaseOf(SubjectAttempt a, DateTime nowUtc)
    {
        if (a.State == AttemptState.Submitted && a.Result == ResultState.Published && a.Passed == false && a.ResultChangedAtUtc is { } published)
            return (MakeupCase.Failed, published);
        if (a.State == AttemptState.Ready && !a.SittingCancelled && nowUtc >= a.EndsAtUtc && a.Result != ResultState.Cancelled)
            return (MakeupCase.Absent, a.EndsAtUtc);
        if (a.Result == ResultState.Cancelled && a.Cause == CancelCause.Platform && a.ResultChangedAtUtc is { } cancelled)
            return (MakeupCase.PlatformInterruption, cancelled);
        return null;
    }

    /// <param name="rules">The rules version in force when the result was decided; null when the project has none.</param>
    /// <param name="history">Every attempt of the learner at this subject of the project.</param>
    /// <param name="makeupsTaken">Approved makeup applications of the learner for this subject.</param>
    public static MakeupEligibility Check(MakeupRules? rules, IReadOnlyList<SubjectAttempt> history, SubjectAttempt source, int makeupsTaken,
        bool hasOpenApplication, bool seriousViolation, string? activeBan, DateTime nowUtc)
    {
        var problems = new List<string>();
        var found = CaseOf(source, nowUtc);
        DateTime? windowEnds = found is { } f && rules is not null ? f.From.AddDays(rules.WindowDays) : null;
        if (seriousViolation) problems.Add("存在替考、作弊、冒名考试或者其他严重违规行为，不得安排补考");
        if (activeBan is not null) problems.Add(activeBan);
        if (rules is null) problems.Add("该项目尚未公布补考规则");
        if (Ordered(history).LastOrDefault()?.AttemptId != source.AttemptId) problems.Add("该科目已有更新的考试或补考记录，请按最新一次结果申请");
        if (found is null) problems.Add("本次考试结果不属于可申请补考的情形（合格、待复核、暂缓发布或因违纪取消成绩的不能申请）");
        else if (rules is not null)
        {
            if (!rules.Allows(found.Value.Case)) problems.Add($"补考规则不允许因“{MakeupText.CaseName(found.Value.Case)}”申请补考");
            if (nowUtc >= windowEnds) problems.Add($"已超过补考申请期限（{ExamAttempts.Cst(windowEnds!.Value)} 前，{(found.Value.Case == MakeupCase.Absent ? "场次结束" : "成绩发布")}后 {rules.WindowDays} 日内）");
            if (makeupsTaken >= rules.MaxMakeups) problems.Add($"该科目补考次数已用完（每科目最多 {rules.MaxMakeups} 次）");
        }
        if (hasOpenApplication) problems.Add("已有待审核或已批准的补考申请");
        return new MakeupEligibility(found?.Case, windowEnds, problems);
    }
}
