namespace TrainEval.Web.Modules.Learning.Practice;

/// <summary>Error codes of practice (audit, tests and the pages' status codes); the messages shown are Chinese.</summary>
public static class PracticeErrors
{
    public const string NotFound = "practice.not_found";
    public const string NotActivated = "practice.not_activated";
    public const string NoQuestions = "practice.no_questions";
    public const string Locked = "practice.unit_locked";
    public const string NotInRound = "practice.answer_not_in_round";
    public const string InvalidAnswer = "practice.invalid_answer";
    public const string Duplicate = "practice.duplicate_question";
    public const string ImportRejected = "practice.import_rejected";
    public const string Archived = "practice.question_archived";
}
