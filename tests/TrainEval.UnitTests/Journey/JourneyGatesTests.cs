using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Certificates.Public;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Journey;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.UnitTests.Journey;

public sealed class JourneyGatesTests
{
    private static readonly Guid LearnerId = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid ProjectId = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private const string SubmitItem = "阅读项目规则与收费明细，提交报名申请并确认信息真实";

    private static readonly string[] StepOrder =
    [
        JourneyGates.Register, JourneyGates.Enroll, JourneyGates.Pay, JourneyGates.Review, JourneyGates.Activation, JourneyGates.Learning,
        JourneyGates.LearningCommitment, JourneyGates.Identity, JourneyGates.ExamCommitment, JourneyGates.Exam, JourneyGates.ResultReview,
        JourneyGates.Certificate,
    ];

    private static LearnerProfile Profile(string region = "", string employer = "", bool isLearner = true, string realName = "张三")
        => new(LearnerId, realName, IdDocumentType.MainlandId, "110***********002X", "138****5678", region, employer, isLearner);

    private static ProjectSummary Project(bool published = true)
        => new(ProjectId, "SSI-5", "社会体育指导员（五级）", "社会体育指导员", 5, "五级/初级工",
            Guid.Parse("00000000-0000-0000-0000-0000000000a1"), Guid.Parse("00000000-0000-0000-0000-0000000000b1"), published);

    private static JourneyGates Gates(LearnerProfile? profile, ProjectSummary? project = null, bool hasEnrollment = false, bool paid = false,
        string status = "Submitted")
        => new(new FakeAccounts(profile), new FakeEnrollment(project ?? Project(), hasEnrollment, status), new FakePayments(paid), new FakeLearning(), new FakeExams(), new FakeVerification(), new FakeCommitments(), new FakeCertificates(), TimeProvider.System);

    [Fact]
    public async Task PAY_02_paid_enrollment_moves_the_journey_to_review()
    {
        var steps = await StepsAsync(Gates(Profile("广州", "游泳馆"), hasEnrollment: true, paid: true));
        Assert.Equal(StepState.Done, steps[2].State);
        Assert.Equal(JourneyGates.Review, steps.Single(s => s.State == StepState.Current).Key);
        Assert.Contains(steps[3].Missing, m => m.Contains("等待培训机构审核"));
    }

    [Fact]
    public async Task PAY_01_unpaid_enrollment_lists_the_mandatory_fees_to_pay()
    {
        var steps = await StepsAsync(Gates(Profile("广州", "游泳馆"), hasEnrollment: true));
        Assert.Equal(StepState.Current, steps[2].State);
        Assert.Contains(steps[2].Missing, m => m.Contains("¥1,980.00") && m.Contains("培训费"));
    }

    [Fact]
    public async Task REV_02_resubmission_request_is_shown_as_the_review_steps_missing_item()
    {
        var steps = await StepsAsync(Gates(Profile("广州", "游泳馆"), hasEnrollment: true, paid: true, status: "Resubmit"));
        Assert.Contains(steps[3].Missing, m => m.Contains("补正材料"));
    }

    private static Task<IReadOnlyList<JourneyStep>> StepsAsync(JourneyGates gates) => gates.ForAsync(LearnerId, ProjectId, CancellationToken.None);

    [Fact]
    public async Task ENR_01_journey_lists_every_step_of_the_learner_flow_in_order()
    {
        var steps = await StepsAsync(Gates(Profile()));

        Assert.Equal(StepOrder, steps.Select(s => s.Key));
    }

    [Fact]
    public async Task ENR_01_unregistered_person_is_asked_to_register_first_and_everything_else_is_locked()
    {
        var steps = await StepsAsync(Gates(profile: null));

        var register = steps[0];
        Assert.Equal(JourneyGates.Register, register.Key);
        Assert.Equal(StepState.Current, register.State);
        Assert.Contains("使用本人真实身份信息注册学员账号", register.Missing);
        Assert.Equal("/Accounts/Register", register.ActionUrl);
        Assert.All(steps.Skip(1), s =>
        {
            Assert.Equal(StepState.Locked, s.State);
            Assert.Equal(["需先完成“实名注册”"], s.Missing);
            Assert.Null(s.ActionUrl);
        });
    }

    [Fact]
    public async Task ENR_01_staff_account_without_learner_role_is_not_registered_as_learner()
    {
        var steps = await StepsAsync(Gates(Profile(region: "北京市", employer: "某体育学院", isLearner: false)));

        Assert.Equal(StepState.Current, steps[0].State);
        Assert.All(steps.Skip(1), s => Assert.Equal(StepState.Locked, s.State));
    }

    [Fact]
    public async Task ENR_01_learner_without_real_name_is_not_registered()
    {
        var steps = await StepsAsync(Gates(Profile(region: "北京市", employer: "某体育学院", realName: "")));

        Assert.Equal(StepState.Current, steps[0].State);
    }

    [Fact]
    public async Task ENR_06_registered_learner_with_incomplete_profile_is_asked_for_region_and_employer()
    {
        var steps = await StepsAsync(Gates(Profile(region: "", employer: "")));

        Assert.Equal(StepState.Done, steps[0].State);
        Assert.Empty(steps[0].Missing);
        var enroll = steps[1];
        Assert.Equal(JourneyGates.Enroll, enroll.Key);
        Assert.Equal(StepState.Current, enroll.State);
        Assert.Contains(enroll.Missing, m => m.Contains("所在地区"));
        Assert.Contains(enroll.Missing, m => m.Contains("工作单位或学习单位"));
        Assert.Contains(SubmitItem, enroll.Missing);
        Assert.Equal("/Accounts/Profile", enroll.ActionUrl);
        Assert.All(steps.Skip(2), s =>
        {
            Assert.Equal(StepState.Locked, s.State);
            Assert.Equal(["需先完成“报名”"], s.Missing);
        });
    }

    [Fact]
    public async Task ENR_06_whitespace_only_region_counts_as_missing()
    {
        var steps = await StepsAsync(Gates(Profile(region: "  ", employer: "某体育学院")));

        var enroll = steps[1];
        Assert.Contains(enroll.Missing, m => m.Contains("所在地区"));
        Assert.DoesNotContain(enroll.Missing, m => m.Contains("工作单位或学习单位"));
    }

    [Fact]
    public async Task ENR_06_learner_with_complete_profile_only_has_to_submit_the_enrollment()
    {
        var steps = await StepsAsync(Gates(Profile(region: "北京市海淀区", employer: "某体育学院")));

        var enroll = steps[1];
        Assert.Equal(StepState.Current, enroll.State);
        Assert.Equal([SubmitItem], enroll.Missing);
        Assert.Equal("/projects/SSI-5/apply", enroll.ActionUrl);
    }

    [Fact]
    public async Task ENR_02_unpublished_project_does_not_accept_enrollment()
    {
        var steps = await StepsAsync(Gates(Profile(region: "北京市海淀区", employer: "某体育学院"), Project(published: false)));

        var enroll = steps[1];
        Assert.Equal(StepState.Current, enroll.State);
        Assert.Contains("该项目尚未发布，暂不接受报名", enroll.Missing);
    }

    [Fact]
    public async Task ENR_06_submitted_enrollment_completes_the_step_and_opens_payment()
    {
        var steps = await StepsAsync(Gates(Profile(), hasEnrollment: true));

        Assert.Equal(StepState.Done, steps[0].State);
        Assert.Equal(StepState.Done, steps[1].State);
        Assert.Equal(JourneyGates.Pay, steps[2].Key);
        Assert.Equal(StepState.Current, steps[2].State);
        Assert.NotEmpty(steps[2].Missing);
        Assert.All(steps.Skip(3), s => Assert.Equal(["需先完成“缴费”"], s.Missing));
    }

    [Fact]
    public async Task ENR_06_a_later_step_cannot_open_while_an_earlier_one_is_missing()
    {
        var gates = Gates(Profile());

        var (open, missing) = await gates.CanOpenAsync(LearnerId, ProjectId, JourneyGates.Exam, CancellationToken.None);

        Assert.False(open);
        Assert.Equal(["需先完成“报名”"], missing);
    }

    [Fact]
    public async Task ENR_06_the_current_step_can_open_and_lists_what_is_missing()
    {
        var gates = Gates(Profile());

        var (open, missing) = await gates.CanOpenAsync(LearnerId, ProjectId, JourneyGates.Enroll, CancellationToken.None);

        Assert.True(open);
        Assert.Contains(SubmitItem, missing);
    }

    [Fact]
    public async Task ENR_06_payment_opens_only_after_enrollment()
    {
        var before = await Gates(Profile()).CanOpenAsync(LearnerId, ProjectId, JourneyGates.Pay, CancellationToken.None);
        var after = await Gates(Profile(), hasEnrollment: true).CanOpenAsync(LearnerId, ProjectId, JourneyGates.Pay, CancellationToken.None);

        Assert.False(before.Open);
        Assert.True(after.Open);
    }

    [Fact]
    public async Task ENR_06_unknown_step_is_a_programming_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Gates(Profile()).CanOpenAsync(LearnerId, ProjectId, "nope", CancellationToken.None));
    }

    private sealed class FakeAccounts(LearnerProfile? profile) : IAccountsApi
    {
        public Task<LearnerProfile?> GetProfileAsync(Guid userId, CancellationToken ct)
            => Task.FromResult(profile is not null && userId == profile.UserId ? profile : null);

        public Task<InstitutionInfo?> GetInstitutionAsync(Guid id, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<InstitutionInfo>> ListInstitutionsAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<DateOnly?> GetBirthDateAsync(Guid userId, CancellationToken ct) => Task.FromResult<DateOnly?>(new DateOnly(1990, 1, 1));
        public Task<string?> GetEmailAsync(Guid userId, CancellationToken ct) => throw new NotSupportedException();
        public Task<Guid?> FindLearnerAsync(string realName, string idNumber, CancellationToken ct) => throw new NotSupportedException();
        public Task<AccountStatistics> StatisticsAsync(DateTime sinceUtc, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<Guid, LearnerIdentity>> GetLearnerIdentitiesAsync(IReadOnlyCollection<Guid> ids, bool reveal, string purpose,
            CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<Guid>> FindLearnerIdsAsync(string nameOrAccount, int max, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid institutionId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<Guid>> PeopleWithRolesInBothAsync(Guid trainingInstitutionId, Guid evaluationInstitutionId, CancellationToken ct)
            => throw new NotSupportedException();
        public Task<IReadOnlyList<Guid>> StaffWithPermissionAsync(Guid institutionId, string permission, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<Guid>> PlatformStaffWithPermissionAsync(string permission, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class FakeExams : IExamsApi
    {
        public Task<SittingInfo?> GetSittingAsync(Guid sittingId, CancellationToken ct) => Task.FromResult<SittingInfo?>(null);
        public Task<bool> IsCandidateAsync(Guid learnerId, Guid sittingId, CancellationToken ct) => Task.FromResult(false);
        public Task<IReadOnlyList<SittingInfo>> ListSittingsOfLearnerAsync(Guid learnerId, Guid? projectId, CancellationToken ct) => Task.FromResult<IReadOnlyList<SittingInfo>>([]);
        public Task<IReadOnlyList<AttemptInfo>> ListAttemptsAsync(Guid learnerId, Guid? projectId, CancellationToken ct) => Task.FromResult<IReadOnlyList<AttemptInfo>>([]);
        public Task<int> StageVoidResultsAsync(Guid learnerId, Guid sittingId, bool wholeBatch, string reason, Guid violationId, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class FakeVerification : IVerificationApi
    {
        public Task<IdentityStanding> GetStandingAsync(Guid learnerId, CancellationToken ct) => Task.FromResult(new IdentityStanding(false, false));
        public Task<(string? CaptureUrl, string? Problem)> StartCheckAsync(Guid learnerId, string context, Guid projectId, string contextRef, string returnUrl, CancellationToken ct) => throw new NotSupportedException();
        public Task<bool> HasPassedAsync(Guid learnerId, string context, Guid projectId, string contextRef, DateTime sinceUtc, CancellationToken ct) => Task.FromResult(false);
    }

    private sealed class FakeCommitments : ICommitmentsApi
    {
        public Task<bool> HasValidLearningCommitmentAsync(Guid learnerId, Guid projectId, CancellationToken ct) => Task.FromResult(false);
        public Task<bool> HasValidExamCommitmentAsync(Guid learnerId, Guid sittingId, DateTime sinceUtc, CancellationToken ct) => Task.FromResult(false);
        public string LearningCommitmentUrl(Guid projectId) => $"/my/commitments/learning/{projectId}";
        public string ExamCommitmentUrl(Guid sittingId) => $"/my/commitments/exam/{sittingId}";
    }

    private sealed class FakeCertificates : ICertificatesApi
    {
        public Task<CertificateSummary?> LiveCertificateAsync(Guid learnerId, Guid projectId, CancellationToken ct) => Task.FromResult<CertificateSummary?>(null);
        public Task<IReadOnlyList<CertificateSummary>> ListOfLearnerAsync(Guid learnerId, CancellationToken ct) => Task.FromResult<IReadOnlyList<CertificateSummary>>([]);
    }

    private sealed class FakePayments(bool paid) : IPaymentsApi
    {
        public Task<IReadOnlySet<Guid>> PaidEnrollmentsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct) => throw new NotSupportedException();
        public Task<PaymentStatus> StatusAsync(Guid enrollmentId, CancellationToken ct)
            => Task.FromResult(new PaymentStatus(paid, paid ? 198000 : 0, null, "TE1", paid ? "42000" : null, paid ? "已支付" : "待支付"));
    }

    private sealed class FakeLearning : ILearningApi
    {
        public Task<ActivationInfo?> GetActivationAsync(Guid learnerId, Guid projectId, CancellationToken ct) => Task.FromResult<ActivationInfo?>(null);
        public Task<ActivationInfo?> GetActivationByEnrollmentAsync(Guid enrollmentId, CancellationToken ct) => Task.FromResult<ActivationInfo?>(null);
        public Task<bool> StageActivationAsync(Guid enrollmentId, Guid learnerId, Guid projectId, int learningDays, int replayDays, CancellationToken ct) => throw new NotSupportedException();
        public Task StageCloseAsync(Guid enrollmentId, string reason, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<ActivationRecord>> ListActivationsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct) => throw new NotSupportedException();
        public Task<LearningProgress> GetProgressAsync(Guid learnerId, Guid projectId, CancellationToken ct)
            => Task.FromResult(new LearningProgress(true, false, ["有效学习时长达到 600 分钟（0 / 600 分钟）"], 0, 0));
    }

    private sealed class FakeEnrollment(ProjectSummary project, bool hasEnrollment, string status) : IEnrollmentApi
    {
        private static readonly Guid EnrollmentId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");

        public Task<EnrollmentSummary?> GetEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
            => Task.FromResult(hasEnrollment ? new EnrollmentSummary(EnrollmentId, learnerId, projectId, Guid.Empty, project.TrainingInstitutionId, status,
                true, status == "Approved", true, null, status == "Resubmit" ? "照片不清晰" : "") : null);

        public Task<EnrollmentSummary?> GetEnrollmentByIdAsync(Guid enrollmentId, CancellationToken ct) => throw new NotSupportedException();

        public Task<EnrollmentTerms?> GetTermsAsync(Guid enrollmentId, CancellationToken ct)
            => Task.FromResult<EnrollmentTerms?>(new EnrollmentTerms(Guid.Empty, 1, project.Name,
                [new FeeItem(Guid.NewGuid(), "培训费", "培训费", 168000, "机构", "开通前全退", true),
                 new FeeItem(Guid.NewGuid(), "考核费", "考试费", 30000, "评价机构", "确认前全退", true),
                 new FeeItem(Guid.NewGuid(), "教材费", "教材资料费", 8500, "机构", "寄出前全退", false)], 365, 365, 50, "电话"));

        public Task<bool> StageCancellationAsync(Guid enrollmentId, string reason, CancellationToken ct) => throw new NotSupportedException();
        public Task<MaterialFile?> GetLatestMaterialAsync(Guid learnerId, string materialKey, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<EnrollmentSummary>> ListLiveEnrollmentsAsync(Guid learnerId, IReadOnlyCollection<Guid> institutionIds, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<CourseModuleItem>> GetModulesAsync(Guid projectId, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<EnrollmentSummary>> ListDecidedAsync(IReadOnlyCollection<Guid>? institutionIds, CancellationToken ct) => throw new NotSupportedException();

        public Task<ProjectSummary?> GetProjectAsync(Guid projectId, CancellationToken ct)
            => Task.FromResult(projectId == project.Id ? project : null);

        public Task<IReadOnlyList<ProjectSummary>> ListPublishedProjectsAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProjectSummary>> ListProjectsOfInstitutionAsync(Guid institutionId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProjectInstitutions>> ProjectsOfInstitutionsAsync(IReadOnlyCollection<Guid> institutionIds, CancellationToken ct)
            => throw new NotSupportedException();

        public Task<bool> HasEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
            => Task.FromResult(hasEnrollment && learnerId == LearnerId && projectId == project.Id);
    }
}
