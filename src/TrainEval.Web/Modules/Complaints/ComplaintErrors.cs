namespace TrainEval.Web.Modules.Complaints;

/// <summary>Machine codes of expected failures (also in audit records).</summary>
public static class ComplaintErrors
{
    public const string BadAttachment = "complaints.bad_attachment";
    public const string DailyCap = "complaints.daily_cap";
    public const string NotFound = "complaints.not_found";
    public const string WrongState = "complaints.wrong_state";
    public const string OutOfScope = "complaints.out_of_scope";
}
