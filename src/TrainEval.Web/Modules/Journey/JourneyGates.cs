using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Certificates.Public;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Verification.Public;

namespace TrainEval.Web.Modules.Journey;

public enum StepState { Done, Current, Locked }

public sealed record JourneyStep(string Key, string Title, StepState State, IReadOnlyList<string> Missing, string? ActionUrl, string? ActionText);

public sealed record StepCheck(bool Done, IReadOnlyList<string> Missing, string? ActionUrl = null, string? ActionText = null)
{
    public static readonly StepCheck Complete = new(true, []);
    public static StepCheck Todo(params string[] missing) => new(false, missing);
}

public sealed record StepDefinition(string Key, string Title, Func<Guid, Guid, CancellationToken, Task<StepCheck>> Check);

/// <summary>
/// The one place that decides which step of the learner flow may open (REQUIREMENTS "The learner flow and its gates").
/// Steps are checked in order through each module's public API; the first step that is not done is current and
/// lists what is missing; every later step is locked. Later modules plug in by replacing their step's check.
/// </summary>
public sealed class JourneyGates(IAccountsApi accounts, IEnrollmentApi enrollment, IPaymentsApi payments, ILearningApi learning,
    IExamsApi exams, IVerificationApi verification, ICommitmentsApi commitments, ICertificatesApi certificates, TimeProvider clock)
{
    public const string Register = "register", Enroll = "enroll", Pay = "pay", Review = "review", Activation = "activation",
        Learning = "learning", LearningCommitment = "learning_commitment", Identity = "identity", ExamCommitment = "exam_commitment",
        Exam = "exam", ResultReview = "result_review", Certificate = "certificate";

    public IReadOnlyList<StepDefinition> Definitions(Guid projectId) =>
    [
        new(Register, "实名注册", CheckRegisteredAsync),
        new(Enroll, "报名", CheckEnrolledAsync),
        new(Pay, "缴费", CheckPaidAsync),
        new(Review, "报名审核", CheckReviewedAsync),
        new(Activation, "课程开通", CheckActivatedAsync),
        new(Learning, "课程学习", CheckLearningAsync),
        new(LearningCommitment, "签署学习承诺书", CheckLearningCommitmentAsync),
        new(Identity, "考前身份核验", CheckIdentityAsync),
        new(ExamCommitment, "签署考试承诺书", CheckExamCommitmentAsync),
        new(Exam, "参加考试", CheckExamAsync),
        new(ResultReview, "考后复核与成绩确认", CheckResultAsync),
        new(Certificate, "证书", CheckCertificateAsync),
    ];

    public async Task<IReadOnlyList<JourneyStep>> ForAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var steps = new List<JourneyStep>();
        string? blockedBy = null;
        foreach (var d in Definitions(projectId))
        {
            if (blockedBy is not null)
            {
                steps.Add(new JourneyStep(d.Key, d.Title, StepState.Locked, [$"需先完成“{blockedBy}”"], null, null));
                continue;
            }
            var check = await d.Check(learnerId, projectId, ct);
            if (check.Done)
            {
                steps.Add(new JourneyStep(d.Key, d.Title, StepState.Done, [], null, null));
                continue;
            }
            steps.Add(new JourneyStep(d.Key, d.Title, StepState.Current, check.Missing, check.ActionUrl, check.ActionText));
            blockedBy = d.Title;
        }
        return steps;
    }

    /// <summary>What is missing before <paramref name="stepKey"/>: the missing items of the first unfinished earlier step.</summary>
    public async Task<IReadOnlyList<string>> MissingBeforeAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct)
    {
        foreach (var d in Definitions(projectId))
        {
            if (d.Key == stepKey) return [];
            var check = await d.Check(learnerId, projectId, ct);
            if (!check.Done) return [$"{d.Title}：{string.Join("；", check.Missing)}"];
        }
        throw new ArgumentException($"Unknown step '{stepKey}'.", nameof(stepKey));
    }

    /// <summary>The gate question other modules ask: may this step open now? Returns what is missing otherwise.</summary>
    public async Task<(bool Open, IReadOnlyList<string> Missing)> CanOpenAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct)
    {
        var steps = await ForAsync(learnerId, projectId, ct);
        var step = steps.FirstOrDefault(s => s.Key == stepKey) ?? throw new ArgumentException($"Unknown step '{stepKey}'.", nameof(stepKey));
        return (step.State != StepState.Locked, step.Missing);
    }

    /// <summary>The pay and review steps share one read of the enrollment per (learner, project) and request.</summary>
    private readonly Dictionary<(Guid, Guid), EnrollmentSummary?> enrollments = [];

    private async Task<EnrollmentSummary?> EnrollmentOfAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        if (enrollments.TryGetValue((learnerId, projectId), out var known)) return known;
        return enrollments[(learnerId, projectId)] = await enrollment.GetEnrollmentAsync(learnerId, projectId, ct);
    }

    private async Task<StepCheck> CheckRegisteredAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var profile = await accounts.GetProfileAsync(learnerId, ct);
        return profile is { IsLearner: true } && profile.RealName.Length > 0
            ? StepCheck.Complete
            : new StepCheck(false, ["使用本人真实身份信息注册学员账号"], "/Accounts/Register", "去注册");
    }

    private async Task<StepCheck> CheckEnrolledAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        if (await enrollment.HasEnrollmentAsync(learnerId, projectId, ct)) return StepCheck.Complete;
        var project = await enrollment.GetProjectAsync(projectId, ct);
        var profile = await accounts.GetProfileAsync(learnerId, ct);
        var draft = await EnrollmentOfAsync(learnerId, projectId, ct);
        var missing = new List<string>();
        if (project is not { IsPublished: true }) missing.Add("该项目尚未发布，暂不接受报名");
        if (string.IsNullOrWhiteSpace(profile?.Region)) missing.Add("完善个人资料：所在地区");
        if (string.IsNullOrWhiteSpace(profile?.Employer)) missing.Add("完善个人资料：工作单位或学习单位");
        missing.Add(draft is null ? "阅读项目规则与收费明细，提交报名申请并确认信息真实" : "继续完成报名向导：确认条件、个人信息、上传材料并提交");
        if (missing.Any(m => m.StartsWith("完善个人资料", StringComparison.Ordinal)))
            return new StepCheck(false, missing, "/Accounts/Profile", "完善个人资料");
        return new StepCheck(false, missing, project is null ? null : $"/projects/{project.Code}/apply", draft is null ? "开始报名" : "继续报名");
    }

    private async Task<StepCheck> CheckPaidAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var e = await EnrollmentOfAsync(learnerId, projectId, ct);
        if (e is null) return StepCheck.Todo("先完成报名");
        var status = await payments.StatusAsync(e.Id, ct);
        if (status.Paid) return StepCheck.Complete;
        var terms = await enrollment.GetTermsAsync(e.Id, ct);
        var due = terms?.Fees.Where(f => f.Mandatory).Sum(f => f.AmountFen) ?? 0;
        return new StepCheck(false, [$"缴纳必缴费用 ¥{due / 100m:#,##0.00}（{string.Join("、", terms?.Fees.Where(f => f.Mandatory).Select(f => f.Name) ?? [])}）"],
            $"/my/enrollments/{e.Id}/order", "去缴费");
    }

    private async Task<StepCheck> CheckReviewedAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var e = await EnrollmentOfAsync(learnerId, projectId, ct);
        if (e is null) return StepCheck.Todo("先完成报名");
        if (e.Approved) return StepCheck.Complete;
        var project = await enrollment.GetProjectAsync(projectId, ct);
        return e.Status switch
        {
            "Resubmit" => new StepCheck(false, [$"按审核意见补正材料：{e.DecisionNote}"], $"/projects/{project?.Code}/apply", "补正材料"),
            "Rejected" => StepCheck.Todo($"报名未通过审核：{e.DecisionNote}"),
            _ => StepCheck.Todo("等待培训机构审核报名（审核结果将通过站内消息通知）"),
        };
    }

    /// <summary>LRN-09: the published completion rule, evaluated from the records; open anomaly flags keep it open (LRN-08).</summary>
    private async Task<StepCheck> CheckLearningAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var progress = await learning.GetProgressAsync(learnerId, projectId, ct);
        if (progress is { RuleMet: true, OpenAnomalies: 0 }) return StepCheck.Complete;
        var missing = progress.Missing.ToList();
        if (progress.OpenAnomalies > 0) missing.Add($"有 {progress.OpenAnomalies} 项学习异常待培训机构复核");
        if (missing.Count == 0) missing.Add("按完成规则完成课程学习与练习");
        return new StepCheck(false, missing, $"/my/courses/{projectId}", "进入课程");
    }

    /// <summary>LC-01..03: a signed, not revoked learning commitment of the project's current template line.</summary>
    private async Task<StepCheck> CheckLearningCommitmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => await commitments.HasValidLearningCommitmentAsync(learnerId, projectId, ct)
            ? StepCheck.Complete
            : new StepCheck(false, ["完整阅读并签署本项目学习承诺书（验证码确认）"], commitments.LearningCommitmentUrl(projectId), "签署学习承诺书");

    private async Task<StepCheck> CheckActivatedAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var activation = await learning.GetActivationAsync(learnerId, projectId, ct);
        if (activation is { Open: true }) return StepCheck.Complete;
        if (activation is { ClosedAtUtc: not null }) return StepCheck.Todo($"课程已关闭：{activation.CloseReason}");
        if (activation is not null) return StepCheck.Todo("学习有效期已过，如需延期请联系培训机构");
        return StepCheck.Todo("审核通过且缴费确认后自动开通课程");
    }

    /// <summary>
    /// The exam part of the journey follows the learner's current sitting: the earliest sitting of the project they are a
    /// candidate of that is neither submitted nor over. Identity and exam commitment count only for that sitting and only
    /// when made within the pre-exam window (IDV-02, EC-01).
    /// </summary>
    private sealed record ExamPhase(SittingInfo? Current, IReadOnlyList<SittingInfo> Sittings, IReadOnlyList<AttemptInfo> Attempts, bool AnySubmitted);

    /// <summary>The four exam steps share one read of sittings and attempts per (learner, project) and request.</summary>
    private readonly Dictionary<(Guid, Guid), ExamPhase> phases = [];

    private async Task<ExamPhase> ExamPhaseAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        if (phases.TryGetValue((learnerId, projectId), out var known)) return known;
        var now = clock.GetUtcNow().UtcDateTime;
        var sittings = (await exams.ListSittingsOfLearnerAsync(learnerId, projectId, ct)).Where(s => !s.Cancelled).ToList();
        var attempts = await exams.ListAttemptsAsync(learnerId, projectId, ct);
        // A sitting is done when its latest attempt is submitted (a re-sit granted after an interruption reopens it).
        var submitted = attempts.GroupBy(a => a.SittingId).Where(g => g.MaxBy(a => a.AttemptNo)!.State == "submitted").Select(g => g.Key).ToHashSet();
        var current = sittings.FirstOrDefault(s => !submitted.Contains(s.Id) && now < s.EndsAtUtc);
        return phases[(learnerId, projectId)] = new ExamPhase(current, sittings, attempts, submitted.Count > 0);
    }

    private static readonly TimeSpan PreCheckLead = TimeSpan.FromMinutes(60);

    private async Task<StepCheck> CheckIdentityAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var (current, _, _, anySubmitted) = await ExamPhaseAsync(learnerId, projectId, ct);
        if (current is null)
            return anySubmitted ? StepCheck.Complete : StepCheck.Todo("等待评价机构安排考试场次（安排后将通过站内消息通知）");
        if (await verification.HasPassedAsync(learnerId, current.CheckContext, projectId, current.Id.ToString(), current.StartsAtUtc - PreCheckLead, ct))
            return StepCheck.Complete;
        return new StepCheck(false, [$"“{current.Name}”开考前 60 分钟内完成人脸身份核验（开考 {current.StartsAtUtc.AddHours(8):yyyy-MM-dd HH:mm}）"],
            $"/my/exams/{current.Id}", "去核验");
    }

    private async Task<StepCheck> CheckExamCommitmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var (current, _, _, anySubmitted) = await ExamPhaseAsync(learnerId, projectId, ct);
        if (current is null) return anySubmitted ? StepCheck.Complete : StepCheck.Todo("等待考试场次安排");
        if (await commitments.HasValidExamCommitmentAsync(learnerId, current.Id, current.StartsAtUtc - PreCheckLead, ct)) return StepCheck.Complete;
        return new StepCheck(false, [$"阅读“{current.Name}”的考试规则并签署考试承诺书"], commitments.ExamCommitmentUrl(current.Id), "签署承诺书");
    }

    private async Task<StepCheck> CheckExamAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var (current, _, _, anySubmitted) = await ExamPhaseAsync(learnerId, projectId, ct);
        if (current is null)
            return anySubmitted ? StepCheck.Complete : StepCheck.Todo("未参加考试（缺考），可向评价机构咨询补考安排");
        return new StepCheck(false, [$"在 {current.StartsAtUtc.AddHours(8):yyyy-MM-dd HH:mm}–{current.EndsAtUtc.AddHours(8):HH:mm} 参加“{current.Name}”"],
            $"/my/exams/{current.Id}", "进入考场");
    }

    /// <summary>
    /// Per subject, the latest submitted attempt counts (a makeup or a re-sit after an interruption replaces the earlier
    /// result; the earlier one stays on record): all subjects published and passed completes the step.
    /// </summary>
    private async Task<StepCheck> CheckResultAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var (_, listed, attempts, _) = await ExamPhaseAsync(learnerId, projectId, ct);
        var sittings = listed.ToDictionary(s => s.Id);
        var counting = attempts.Where(a => a.State == "submitted")
            .GroupBy(a => sittings.TryGetValue(a.SittingId, out var s) ? s.Subject : a.SittingId.ToString())
            .Select(g => g.MaxBy(a => a.SubmittedAtUtc)!).ToList();
        if (counting.Count == 0) return StepCheck.Todo("交卷后等待考后复核");
        if (counting.Any(a => a.ResultState == "cancelled")) return new StepCheck(false, ["成绩已被取消，详见成绩页"], "/my/exams", "查看成绩");
        if (counting.Any(a => a.ResultState is "pending" or "held")) return StepCheck.Todo("等待评价机构考后复核与成绩发布");
        return counting.All(a => a.Passed == true) ? StepCheck.Complete : new StepCheck(false, ["考试成绩未合格，可按补考规则申请补考"], "/my/exams", "查看成绩");
    }

    private async Task<StepCheck> CheckCertificateAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => await certificates.LiveCertificateAsync(learnerId, projectId, ct) is not null
            ? StepCheck.Complete
            : new StepCheck(false, ["成绩确认后由评价机构核发证书"], "/my/certificates", "我的证书");
}
