using System.Reflection;

namespace TrainEval.Web.Platform.Auth;

/// <summary>
/// Every permission, grouped by module. One policy per constant is registered by reflection;
/// pages use <c>[Authorize(Policy = Permissions.X.Y)]</c>. (ADR 0006: one place to read who may do what.)
/// </summary>
public static class Permissions
{
    public static class Accounts
    {
        public const string ManageStaff = "accounts.staff.manage";
        public const string ManageInstitutions = "accounts.institutions.manage";
        public const string RevealSensitive = "accounts.sensitive.reveal";
    }

    public static class Enrollment
    {
        public const string Apply = "enrollment.apply";
        public const string ManageProjects = "enrollment.projects.manage";
        public const string ReviewApplications = "enrollment.review";
        public const string Promote = "enrollment.promote";
    }

    public static class Payments
    {
        public const string Confirm = "payments.confirm";
    }

    public static class Learning
    {
        public const string Learn = "learning.learn";
        public const string ManageCourses = "learning.courses.manage";
        /// <summary>Learning records, annex-2 exports and statistics of the institution's learners (all institutions for regulators).</summary>
        public const string ViewRecords = "learning.records";
        /// <summary>Decide learning anomaly flags (confirm voids the time, dismiss records) — LRN-08.</summary>
        public const string ReviewAnomalies = "learning.anomalies.review";
        /// <summary>Extend a learner's learning validity with a recorded reason — LRN-11.</summary>
        public const string ExtendValidity = "learning.validity.extend";
    }

    public static class Identity
    {
        /// <summary>The identity decision log of the institution's learners (all institutions for regulators) — IDV-04.</summary>
        public const string ViewLog = "identity.log";
        /// <summary>Decide queued identity decisions and see the reference photo and frames (each view audited) — IDV-04/06.</summary>
        public const string Review = "identity.review";
        /// <summary>Record a manual identity verification (the alternative path for learners who refuse face processing).</summary>
        public const string VerifyManually = "identity.manual";
        /// <summary>Failure-rate monitor and its alerts — IDV-05.</summary>
        public const string Monitor = "identity.monitor";
    }

    public static class Exams
    {
        public const string Sit = "exams.sit";
        public const string ManageBanks = "exams.banks.manage";
        public const string Invigilate = "exams.invigilate";
        public const string Score = "exams.score";
        public const string ManageBatches = "exams.batches.manage";
    }

    public static class Commitments
    {
        /// <summary>Learning-commitment templates, re-sign requests and revocations (training institution) — LC-01..03.</summary>
        public const string ManageLearning = "commitments.learning.manage";
        /// <summary>Exam-commitment templates, re-sign requests and revocations (evaluation institution) — EC-01..02.</summary>
        public const string ManageExam = "commitments.exam.manage";
        /// <summary>Signed commitments of the institution's projects with their page-operation logs and PDFs.</summary>
        public const string ViewRecords = "commitments.records";
    }

    public static class Violations
    {
        /// <summary>Violation records, evidence and bans of the institution's projects (all institutions for regulators) — VIO-01/02.</summary>
        public const string View = "violations.view";
        /// <summary>Record a violation with facts and evidence (proctors, examiners, site leads, batch leads, admins).</summary>
        public const string Record = "violations.record";
        /// <summary>Confirm or dismiss a record made by someone else (four-eyes); confirmation voids results and imposes bans.</summary>
        public const string Decide = "violations.decide";
        /// <summary>Lift a ban early with a recorded reason (evaluation-institution admins only).</summary>
        public const string LiftBans = "violations.bans.lift";
        /// <summary>The learner's own violations and bans with reason, basis and appeal route.</summary>
        public const string ViewOwn = "violations.view_own";
    }

    public static class Certificates
    {
        /// <summary>Issue, correct, revoke and track certificates of the projects the institution evaluates — CRT-01, BAT-09.</summary>
        public const string Issue = "certificates.issue";
        /// <summary>Certificate records of the institution's projects (all institutions for regulators).</summary>
        public const string Read = "certificates.read";
        /// <summary>The learner's own certificates: list, PDF, confirm receipt.</summary>
        public const string ViewOwn = "certificates.view_own";
    }

    public static class Complaints
    {
        /// <summary>File a complaint or appeal and follow its progress (learners; the public files without an account) — SUP-01.</summary>
        public const string File = "complaints.file";
        /// <summary>The complaints queue, details and summary within the user's scope (own institutions; platform complaints for operators; all for regulators).</summary>
        public const string View = "complaints.view";
        /// <summary>Acknowledge, assign, note, reply and close complaints about the user's own institutions.</summary>
        public const string Handle = "complaints.handle";
        /// <summary>Handle complaints that name no institution (the platform operator).</summary>
        public const string HandlePlatform = "complaints.platform";
        /// <summary>Read every complaint of every institution (regulators; read only).</summary>
        public const string ViewAll = "complaints.view_all";
    }

    public static class Supervision
    {
        public const string ViewAllInstitutions = "supervision.view_all";
        public const string VerifyAudit = "supervision.audit.verify";
        public const string ViewInstitutionAudit = "supervision.audit.view_own";
    }

    public static class Retention
    {
        /// <summary>Retention policy and controlled disposal: approve or confirm (a second administrator) disposal batches — ARC-02.</summary>
        public const string Manage = "retention.manage";
    }

    public static class Archive
    {
        /// <summary>The learner's own archive and its export — ARC-01.</summary>
        public const string ReadOwn = "archive.read_own";
        /// <summary>Learner archives within the user's institutions (all institutions for regulators) and their export — ARC-01.</summary>
        public const string Read = "archive.read";
        /// <summary>Check an exported archive ZIP against its manifest and the audit chain — ARC-02.</summary>
        public const string Verify = "archive.verify";
    }

    public static class Journey
    {
        public const string ViewOwn = "journey.view_own";
    }

    public static IReadOnlyList<string> All { get; } = typeof(Permissions).GetNestedTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
