namespace TrainEval.Web.Modules.Enrollment;

/// <summary>Expected failures of enrollment; codes go to audit records, messages to the learner.</summary>
public static class EnrollmentErrors
{
    public const string Duplicate = "enrollment.duplicate";
    public const string WindowClosed = "enrollment.window_closed";
    public const string NotPublished = "enrollment.not_published";
    public const string Banned = "enrollment.banned";
    public const string ConditionsNotMet = "enrollment.conditions_not_met";
    public const string IdentityConflict = "enrollment.identity_conflict";
    public const string StepMissing = "enrollment.step_missing";
    public const string BadUpload = "enrollment.bad_upload";
}
