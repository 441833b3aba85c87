using System.Reflection;
using Npgsql;
using TrainEval.Bench.Heartbeats;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Modules.Commitments;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Bench.Exams;

/// <summary>The project a sitting of the "enter" P2 belongs to, with what the learner rows point at.</summary>
internal sealed record JourneyProject(Project Project, ProjectVersion Version, Course Course, CourseUnit Unit, CommitmentTemplate Learning,
    CommitmentTemplate Exam, Guid TrainingInstitutionId, Guid EvaluationInstitutionId, Guid Staff);

/// <summary>
/// Everything the entry gate of a sitting reads (<c>ExamAttempts.ViewAsync</c>: <c>JourneyGates.MissingBeforeAsync(…,
/// "identity")</c>, bans, <c>IVerificationApi.HasPassedAsync</c>, <c>ICommitmentsApi.HasValidExamCommitmentAsync</c>), as
/// the real flow leaves it for a learner who did every step: a published project (rules version with a mandatory fee,
/// course with one required video unit and a completion rule of <c>learningMinutes</c> of effective time, published
/// learning and exam commitment templates); per learner an enrollment submitted and approved (with its review decision),
/// a paid order (line and gateway transaction), an open course activation, credited ledger rows (30 s each, interleaved
/// across learners as heartbeats arrive) and the unit completion, a signed learning commitment, a face identity check for
/// the sitting (capture + decision, outcome pass, made after the gate's "since") and a signed exam commitment for the
/// sitting. Rows are made with the domain factories; two that have no public way in (the paid state of an order, set by a
/// conditional UPDATE in the app, and <c>IdentityDecision.Face</c>, internal) are set or called by reflection.
/// Audit entries of these earlier steps are not seeded: the gate does not read them.
/// </summary>
internal static class JourneySeed
{
    public const string Ip = "10.20.0.1", Device = "Mozilla/5.0 (TrainEvalBench)";

    public static async Task<JourneyProject> ProjectAsync(AppDbContext db, DateTime nowUtc, int learningMinutes)
    {
        var training = Guid.CreateVersion7();
        var evaluation = Guid.CreateVersion7();
        var staff = Guid.CreateVersion7();
        var created = nowUtc.AddDays(-90);
        var project = Project.Create("BENCH-EX", "压测项目：社会体育指导员（游泳）四级", "社会体育指导员", "4-13-04-01", 4, "压测考生", "exam benchmark",
            training, evaluation, created);
        var version = ProjectVersion.Draft(project.Id, 1, created);
        version.Audience = "压测考生";
        version.LearningRequirements = "在线学习课程视频";
        version.CompletionRule = $"有效学习时长达到 {learningMinutes} 分钟，完成全部必修学习任务";
        version.ExamRules = "理论知识考试，闭卷，100 分制，60 分合格";
        version.MakeupRules = "不合格者可申请补考一次";
        version.CertificateRules = "考试合格后核发职业技能等级证书";
        version.CourseForm = "线上视频课程";
        version.RefundRules = "开课前全额退费";
        version.ComplaintChannel = "压测投诉渠道";
        version.EnrollmentOpensAtUtc = created;
        version.EnrollmentClosesAtUtc = nowUtc.AddDays(30);
        version.AddFee(FeeKind.Training, "培训费", 80_000, "压测培训机构", "开课前全额退费", mandatory: true);
        var problems = project.PublishVersion(version, null, staff, created);
        if (problems.Count > 0) throw new InvalidOperationException("Bench project rules: " + string.Join("; ", problems));

        var course = Course.Create(project.Id, training, "压测课程", "exam benchmark", created);
        course.SetRules(CourseRules.Default with { RequiredMinutes = learningMinutes }, created);
        var section = CourseSection.Create(course.Id, 1, "压测章节", "");
        var unit = CourseUnit.Create(course.Id, section.Id, 1, UnitKind.Video, "压测视频", "", required: true, staff, created);
        unit.AttachFile("bench/exam-course.mp4", new string('0', 64), 1_000_000, "video/mp4", durationSeconds: Math.Max(60, learningMinutes * 60));
        db.AddRange(project, version, course, section, unit);
        await DefaultTexts.SeedDemoAsync(db, project.Id, training, evaluation, staff, created, CancellationToken.None);
        var templates = db.ChangeTracker.Entries<CommitmentTemplate>().Select(e => e.Entity).ToList();
        await db.SaveChangesAsync();
        return new JourneyProject(project, version, course, unit, templates.Single(t => t.Kind == CommitmentKind.Learning),
            templates.Single(t => t.Kind == CommitmentKind.Exam), training, evaluation, staff);
    }

    /// <summary>Copies the journey rows of <paramref name="users"/> for <paramref name="sitting"/> (binary COPY, columns from the EF model).</summary>
    public static async Task LearnersAsync(AppDbContext db, NpgsqlConnection conn, JourneyProject p, Sitting sitting, IReadOnlyList<AppUser> users,
        int learningMinutes, DateTime nowUtc)
    {
        var enrollments = new List<EnrollmentApplication>(users.Count);
        var reviews = new List<ReviewDecision>(users.Count);
        var orders = new List<PaymentOrder>(users.Count);
        var transactions = new List<PaymentTransaction>(users.Count);
        var activations = new List<CourseActivation>(users.Count);
        var completions = new List<UnitCompletion>(users.Count);
        var signings = new List<CommitmentSigning>(users.Count * 2);
        var records = new List<CommitmentRecord>(users.Count * 2);
        var captures = new List<CaptureSession>(users.Count);
        var decisions = new List<IdentityDecision>(users.Count);
        var fee = p.Version.Fees.Single();
        var enrolled = nowUtc.AddDays(-60);
        var approved = enrolled.AddDays(1);
        var learned = nowUtc.AddDays(-20).Date.AddHours(1);   // 09:00 Beijing
        var checkedAt = sitting.StartsAtUtc.AddMinutes(-20);   // after the gate's "since" (start − 60 min)
        var sittingText = $"{sitting.Batch} {sitting.Subject}（{sitting.Name}，{sitting.StartsAtUtc.AddHours(8):yyyy-MM-dd HH:mm}—{sitting.EndsAtUtc.AddHours(8):HH:mm}）";
        for (var i = 0; i < users.Count; i++)
        {
            var u = users[i];
            var e = EnrollmentApplication.Start(u.Id, p.Project, p.Version, EnrollmentChannel.Official, null, null, enrolled);
            e.MarkRulesRead(enrolled);
            e.ConfirmConditions(enrolled);
            e.ConfirmPersonalData(u.RealName, u.IdNumberMasked, u.PhoneMasked, "男", "广东省广州市", "压测单位", "高中", enrolled);
            e.Submit(Ip, Device, enrolled);
            e.Approve("材料齐全，审核通过", approved);
            enrollments.Add(e);
            reviews.Add(ReviewDecision.Create(e.Id, p.Staff, "压测审核员", ReviewOutcome.Approved, "材料齐全，审核通过", [], null, approved, false, null));

            var order = PaymentOrder.Create($"BX{i:D10}", e.Id, u.Id, p.Project.Id, p.TrainingInstitutionId, "压测项目培训费",
                [(fee.Id, fee.Name, fee.AmountFen, fee.Payee)], approved, TimeSpan.FromMinutes(30));
            var transactionId = $"4200{i:D16}";
            // The app moves an order to Paid with a conditional UPDATE (PaymentProcessor); the same four columns here.
            Set(order, nameof(PaymentOrder.Status), OrderStatus.Paid);
            Set(order, nameof(PaymentOrder.PaidAtUtc), (DateTime?)approved.AddMinutes(5));
            Set(order, nameof(PaymentOrder.TransactionId), transactionId);
            Set(order, nameof(PaymentOrder.PaidFen), order.TotalFen);
            orders.Add(order);
            transactions.Add(new PaymentTransaction(order.Id, order.OrderNo, transactionId, order.TotalFen, approved.AddMinutes(5), approved.AddMinutes(5),
                TransactionSource.Notification, false, ""));
            activations.Add(CourseActivation.Open(e.Id, u.Id, p.Project.Id, p.Version.LearningValidityDays, p.Version.ReplayValidityDays, approved.AddMinutes(5)));
            completions.Add(UnitCompletion.Create(u.Id, p.Course.Id, p.Unit.Id, "watched", "bench", learned.AddMinutes(learningMinutes)));

            Sign(CommitmentKind.Learning, p.Learning, u, p, null, "", "", learned.AddMinutes(learningMinutes + 10), signings, records);

            var capture = CaptureSession.Issue(u.Id, CheckContext.Exam, p.Project.Id, sitting.Id.ToString(), "blink", $"/my/exams/{sitting.Id}",
                checkedAt.AddSeconds(-20), TimeSpan.FromMinutes(5));
            capture.MarkUsed(checkedAt);
            captures.Add(capture);
            decisions.Add(FaceDecision(capture, p.EvaluationInstitutionId, checkedAt));

            Sign(CommitmentKind.Exam, p.Exam, u, p, sitting.Id, sittingText, "exam", checkedAt.AddMinutes(5), signings, records);
        }
        await BenchDatabase.CopyAsync(db, conn, enrollments);
        await BenchDatabase.CopyAsync(db, conn, reviews);
        await BenchDatabase.CopyAsync(db, conn, orders);
        await BenchDatabase.CopyAsync(db, conn, orders.SelectMany(o => o.Lines));
        await BenchDatabase.CopyAsync(db, conn, transactions);
        await BenchDatabase.CopyAsync(db, conn, activations);
        await BenchDatabase.CopyAsync(db, conn, completions);
        await BenchDatabase.CopyAsync(db, conn, Ledger(users, p, learningMinutes, learned));
        await BenchDatabase.CopyAsync(db, conn, signings);
        await BenchDatabase.CopyAsync(db, conn, records);
        await BenchDatabase.CopyAsync(db, conn, captures);
        await BenchDatabase.CopyAsync(db, conn, decisions);
    }

    /// <summary>
    /// Credited ledger rows of one 30 s heartbeat each, <paramref name="minutes"/> of effective time per learner, in the
    /// order a live ledger gets them (heartbeat k of every learner, then k + 1), one player session per learner.
    /// </summary>
    private static IEnumerable<LedgerEntryRow> Ledger(IReadOnlyList<AppUser> users, JourneyProject p, int minutes, DateTime fromUtc)
    {
        var sessions = users.Select(_ => Guid.CreateVersion7()).ToArray();
        var day = DateOnly.FromDateTime(fromUtc.AddHours(8));
        for (var k = 0; k < minutes * 2; k++)
        {
            var from = fromUtc.AddSeconds(30 * k);
            for (var i = 0; i < users.Count; i++)
                yield return LedgerEntryRow.From(new LedgerEntry(from, from.AddSeconds(30), day, p.Unit.Id, sessions[i].ToString("N"), k + 1,
                    TimeSpan.FromSeconds(30), LedgerReason.Credited, true), users[i].Id, p.Course.Id, sessions[i], from.AddSeconds(30));
        }
    }

    /// <summary>A signature as SigningService completes it: rendered text and hash, page log with the server's steps, one-time code.</summary>
    private static void Sign(CommitmentKind kind, CommitmentTemplate t, AppUser u, JourneyProject p, Guid? sittingId, string sittingText, string checkContext,
        DateTime signedAt, List<CommitmentSigning> signings, List<CommitmentRecord> records)
    {
        var opened = signedAt.AddMinutes(-3);
        var text = TemplateRules.Render(t.Body, new RenderValues(u.RealName, u.IdNumberMasked, p.Project.Name, sittingText, opened));
        var log = OperationLog.Serialize([
            new OpEvent("opened", opened), new OpEvent("scrolled_end", opened.AddSeconds(90)), new OpEvent("checked", opened.AddSeconds(95)),
            new OpEvent("submitted", opened.AddSeconds(97)), new OpEvent("signing_started", opened.AddSeconds(97), "server"),
            new OpEvent("code_sent", opened.AddSeconds(97), "server"), new OpEvent("code_verified", signedAt, "server"), new OpEvent("signed", signedAt, "server")]);
        var s = CommitmentSigning.Start(kind, u.Id, p.Project.Id, sittingId, t.Id, text, TemplateRules.Sha256(text), SignMethod.OneTimeCode, checkContext,
            log, null, "", Ip, Device, opened.AddSeconds(97));
        s.Complete(log, signedAt);
        signings.Add(s);
        records.Add(CommitmentRecord.Sign(s, t, u.UserName!, log, signedAt));
    }

    private static readonly MethodInfo FaceFactory = typeof(IdentityDecision).GetMethod("Face", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("IdentityDecision.Face not found; update the bench.");

    /// <summary>The face engine's pass for the capture (internal factory, by reflection).</summary>
    private static IdentityDecision FaceDecision(CaptureSession capture, Guid institution, DateTime atUtc)
        => (IdentityDecision)FaceFactory.Invoke(null, [Guid.NewGuid(), capture, (Guid?)institution, CheckOutcome.Pass, "Match", (double?)0.86, (double?)0.97,
            0.5, 0.5, true, "faceplugin-face-recognition-js@0.0.1", 5, $"bench/frames/{capture.Id:N}", "", null, Ip, Device, atUtc])!;

    private static void Set<T>(T target, string property, object? value)
        => (typeof(T).GetProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} not found")).SetValue(target, value);
}
