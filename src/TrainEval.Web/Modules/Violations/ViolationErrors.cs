namespace TrainEval.Web.Modules.Violations;

/// <summary>Expected failures of the violations workflow; codes go to audit records, messages to staff.</summary>
public static class ViolationErrors
{
    public const string UnknownAct = "violations.unknown_act";
    public const string BadTier = "violations.bad_tier";
    public const string OutOfScope = "violations.out_of_scope";
    public const string BadSitting = "violations.bad_sitting";
    public const string BadEvidence = "violations.bad_evidence";
    public const string FourEyes = "violations.four_eyes";
    public const string AlreadyDecided = "violations.already_decided";
    public const string NotFound = "violations.not_found";
}
