namespace TrainEval.Web.Modules.Commitments.Public;

/// <summary>
/// What other modules ask the commitments module (LC-01..03, EC-01..02). The journey asks about the learning
/// commitment; the exams entry gate asks about the exam commitment of a sitting.
/// </summary>
public interface ICommitmentsApi
{
    /// <summary>A signed, not revoked learning commitment of the current template line for this project.</summary>
    Task<bool> HasValidLearningCommitmentAsync(Guid learnerId, Guid projectId, CancellationToken ct);

    /// <summary>A signed, not revoked exam commitment for exactly this sitting, signed at or after <paramref name="sinceUtc"/>.</summary>
    Task<bool> HasValidExamCommitmentAsync(Guid learnerId, Guid sittingId, DateTime sinceUtc, CancellationToken ct);

    /// <summary>Where the learner signs: the learning commitment of a project, the exam commitment of a sitting.</summary>
    string LearningCommitmentUrl(Guid projectId);
    string ExamCommitmentUrl(Guid sittingId);
}
