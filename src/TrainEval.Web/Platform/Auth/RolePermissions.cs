namespace TrainEval.Web.Platform.Auth;

/// <summary>The one role → permission map.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, string[]> Map = new()
    {
        [Roles.Learner] = [Permissions.Enrollment.Apply, Permissions.Learning.Learn, Permissions.Exams.Sit, Permissions.Journey.ViewOwn, Permissions.Violations.ViewOwn,
            Permissions.Certificates.ViewOwn, Permissions.Complaints.File, Permissions.Archive.ReadOwn],
        [Roles.TrainingAdmin] = [Permissions.Accounts.ManageStaff, Permissions.Enrollment.ManageProjects, Permissions.Enrollment.ReviewApplications,
            Permissions.Learning.ManageCourses, Permissions.Supervision.ViewInstitutionAudit, Permissions.Accounts.RevealSensitive,
            Permissions.Learning.ViewRecords, Permissions.Learning.ReviewAnomalies, Permissions.Learning.ExtendValidity,
            Permissions.Identity.ViewLog, Permissions.Identity.Review, Permissions.Identity.VerifyManually, Permissions.Identity.Monitor,
            Permissions.Commitments.ManageLearning, Permissions.Commitments.ViewRecords,
            Permissions.Complaints.View, Permissions.Complaints.Handle, Permissions.Archive.Read, Permissions.Archive.Verify],
        [Roles.TrainingReviewer] = [Permissions.Enrollment.ReviewApplications, Permissions.Accounts.RevealSensitive,
            Permissions.Identity.ViewLog, Permissions.Identity.Review, Permissions.Identity.VerifyManually],
        [Roles.Teacher] = [Permissions.Learning.ManageCourses, Permissions.Learning.ViewRecords, Permissions.Learning.ReviewAnomalies],
        [Roles.Tutor] = [],
        [Roles.CustomerService] = [Permissions.Complaints.View, Permissions.Complaints.Handle],
        [Roles.Finance] = [Permissions.Payments.Confirm],
        [Roles.PromotionAgent] = [Permissions.Enrollment.Promote],
        [Roles.EvaluationAdmin] = [Permissions.Accounts.ManageStaff, Permissions.Exams.ManageBanks, Permissions.Exams.ManageBatches,
            Permissions.Supervision.ViewInstitutionAudit, Permissions.Accounts.RevealSensitive, Permissions.Identity.ViewLog, Permissions.Identity.Review,
            Permissions.Identity.Monitor, Permissions.Commitments.ManageExam, Permissions.Commitments.ViewRecords,
            Permissions.Violations.View, Permissions.Violations.Record, Permissions.Violations.Decide, Permissions.Violations.LiftBans,
            Permissions.Certificates.Issue, Permissions.Certificates.Read, Permissions.Complaints.View, Permissions.Complaints.Handle,
            Permissions.Archive.Read, Permissions.Archive.Verify,
            // The evaluation institution collects makeup fees (MKP-01): its admin confirms offline payments and approves their refunds.
            Permissions.Payments.Confirm],
        [Roles.BatchLead] = [Permissions.Exams.ManageBatches, Permissions.Violations.View, Permissions.Violations.Record, Permissions.Violations.Decide],
        [Roles.Proctor] = [Permissions.Exams.Invigilate, Permissions.Violations.View, Permissions.Violations.Record],
        [Roles.Examiner] = [Permissions.Exams.Score, Permissions.Violations.View, Permissions.Violations.Record],
        [Roles.SiteLead] = [Permissions.Exams.Invigilate, Permissions.Violations.View, Permissions.Violations.Record],
        [Roles.Operator] = [Permissions.Accounts.ManageInstitutions, Permissions.Accounts.ManageStaff, Permissions.Supervision.VerifyAudit, Permissions.Supervision.ViewAllInstitutions,
            Permissions.Identity.Monitor, Permissions.Retention.Manage, Permissions.Complaints.View, Permissions.Complaints.HandlePlatform,
            Permissions.Archive.Verify],
        [Roles.Regulator] = [Permissions.Supervision.ViewAllInstitutions, Permissions.Supervision.VerifyAudit, Permissions.Learning.ViewRecords,
            Permissions.Identity.ViewLog, Permissions.Violations.View, Permissions.Certificates.Read,
            Permissions.Complaints.View, Permissions.Complaints.ViewAll, Permissions.Archive.Read, Permissions.Archive.Verify],
    };

    public static IReadOnlyList<string> For(string role) => Map.TryGetValue(role, out var p) ? p : [];

    public static IReadOnlyCollection<string> RolesWithMapping => Map.Keys;
}
