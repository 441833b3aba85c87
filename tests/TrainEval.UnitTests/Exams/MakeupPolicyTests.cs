using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Makeup;

namespace TrainEval.UnitTests.Exams;

/// <summary>The makeup rules as pure functions (MKP-01): cases, window, count, serious violations, which result counts.</summary>
public sealed class MakeupPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);

    private static MakeupRules Rules(int max = 1, int window = 30, bool absent = true, bool platform = true)
        => MakeupRules.Publish(Guid.NewGuid(), Guid.NewGuid(), 1, new MakeupRulesInput(true, absent, platform, max, window, 15000, "评价中心", ""), Guid.NewGuid(), Now.AddDays(-60));

    private static SubjectAttempt Attempt(DateTime starts, AttemptState state = AttemptState.Submitted, ResultState result = ResultState.Published,
        bool? passed = false, bool makeup = false, string? note = null, DateTime? decided = null, int no = 1, CancelCause cause = CancelCause.None)
        => new(Guid.NewGuid(), Guid.NewGuid(), "场次", makeup, starts, starts.AddHours(2), false, no, state, result, passed,
            passed is null ? null : passed.Value ? 80 : 40, 100, decided ?? (result == ResultState.Pending ? null : starts.AddDays(2)), note, cause);

    private static MakeupEligibility Check(MakeupRules? rules, SubjectAttempt source, int taken = 0, bool open = false, bool serious = false,
        string? ban = null, DateTime? now = null, params SubjectAttempt[] others)
        => MakeupPolicy.Check(rules, [.. others, source], source, taken, open, serious, ban, now ?? Now);

    [Fact]
    public void MKP_01_failed_published_result_may_be_made_up_within_the_window()
    {
        var failed = Attempt(Now.AddDays(-5));
        var result = Check(Rules(window: 30), failed);
        Assert.True(result.Eligible);
        Assert.Equal(MakeupCase.Failed, result.Case);
        Assert.Equal(failed.ResultChangedAtUtc!.Value.AddDays(30), result.WindowEndsUtc);
    }

    [Fact]
    public void MKP_01_window_closes_after_the_published_days()
    {
        var failed = Attempt(Now.AddDays(-10));                            // published 8 days ago
        Assert.True(Check(Rules(window: 9), failed).Eligible);
        Assert.Contains(Check(Rules(window: 8), failed).Problems, p => p.Contains("已超过补考申请期限"));
    }

    [Fact]
    public void MKP_01_count_is_per_subject_and_enforced()
    {
        var failed = Attempt(Now.AddDays(-5));
        Assert.True(Check(Rules(max: 2), failed, taken: 1).Eligible);
        Assert.Contains(Check(Rules(max: 2), failed, taken: 2).Problems, p => p.Contains("补考次数已用完"));
        Assert.Contains(Check(Rules(max: 0), failed).Problems, p => p.Contains("补考次数已用完"));
    }

    [Fact]
    public void MKP_01_no_makeup_after_serious_violation_or_during_a_ban()
    {
        var failed = Attempt(Now.AddDays(-5));
        Assert.Contains(Check(Rules(), failed, serious: true).Problems, p => p.Contains("不得安排补考"));
        Assert.Contains(Check(Rules(), failed, ban: "因违纪被禁考至 2027-11-25").Problems, p => p.Contains("禁考"));
    }

    [Fact]
    public void MKP_01_cases_follow_the_published_rules()
    {
        var absent = Attempt(Now.AddDays(-3), AttemptState.Ready, ResultState.Pending, passed: null);
        Assert.Equal(MakeupCase.Absent, Check(Rules(), absent).Case);
        Assert.True(Check(Rules(), absent).Eligible);
        Assert.Contains(Check(Rules(absent: false), absent).Problems, p => p.Contains("缺考"));

        var interrupted = Attempt(Now.AddDays(-3), result: ResultState.Cancelled, note: "服务器故障，考生无法作答", cause: CancelCause.Platform);
        Assert.Equal(MakeupCase.PlatformInterruption, Check(Rules(), interrupted).Case);
        Assert.False(Check(Rules(platform: false), interrupted).Eligible);

        var voided = Attempt(Now.AddDays(-3), result: ResultState.Cancelled, note: "违纪处理（x）：作弊", cause: CancelCause.Violation);
        Assert.Null(Check(Rules(), Attempt(Now.AddDays(-3), result: ResultState.Cancelled, note: "平台原因（仅写在说明里）", cause: CancelCause.Other)).Case);
        Assert.Null(Check(Rules(), voided).Case);                          // a violation's cancellation is no makeup case
        Assert.False(Check(Rules(), Attempt(Now.AddDays(-3), passed: true)).Eligible);
        Assert.False(Check(Rules(), Attempt(Now.AddDays(-3), result: ResultState.Held)).Eligible);
        Assert.False(Check(Rules(), Attempt(Now.AddMinutes(-30), AttemptState.Ready, ResultState.Pending, passed: null)).Eligible);   // sitting not over
        Assert.Contains(Check(null, Attempt(Now.AddDays(-3))).Problems, p => p.Contains("尚未公布补考规则"));
    }

    [Fact]
    public void MKP_01_only_the_latest_result_of_the_subject_may_be_made_up_and_one_open_application()
    {
        var first = Attempt(Now.AddDays(-20));
        var makeup = Attempt(Now.AddDays(-5), makeup: true);
        Assert.Contains(MakeupPolicy.Check(Rules(max: 2), [first, makeup], first, 1, false, false, null, Now).Problems, p => p.Contains("最新一次"));
        Assert.True(MakeupPolicy.Check(Rules(max: 2), [first, makeup], makeup, 1, false, false, null, Now).Eligible);
        Assert.Contains(Check(Rules(), Attempt(Now.AddDays(-5)), open: true).Problems, p => p.Contains("已有待审核"));
    }

    [Fact]
    public void MKP_01_results_kept_separate_and_the_latest_published_counts()
    {
        var first = Attempt(Now.AddDays(-20));
        var resitCancelled = Attempt(Now.AddDays(-20), result: ResultState.Cancelled, note: "平台原因中断", no: 0, cause: CancelCause.Platform);
        var makeup = Attempt(Now.AddDays(-5), passed: true, makeup: true);
        var pendingMakeup = Attempt(Now.AddDays(-1), result: ResultState.Pending, passed: null, makeup: true);
        Assert.Equal([resitCancelled, first, makeup, pendingMakeup], MakeupPolicy.Ordered([makeup, pendingMakeup, first, resitCancelled]));
        Assert.Equal(makeup, MakeupPolicy.Counting([first, makeup, pendingMakeup]));
        Assert.Equal(first, MakeupPolicy.Counting([first]));
        Assert.Null(MakeupPolicy.Counting([pendingMakeup]));
    }

    [Fact]
    public void MKP_01_rules_summary_names_cases_count_window_and_fee()
    {
        var summary = Rules(max: 1, window: 30).Summary();
        Assert.Contains("考试不合格", summary);
        Assert.Contains("每科目最多补考 1 次", summary);
        Assert.Contains("30 日内", summary);
        Assert.Contains("补考费 150 元（收款单位：评价中心）", summary);
    }
}
