namespace TrainEval.Web.Modules.Learning.Public;

/// <summary>What the player needs to run one capture: the verifier's nonce and its random active challenge.</summary>
/// <param name="CaptureId">One-time capture id (the frames must carry it).</param>
/// <param name="Challenge">blink, turn-left, turn-right or none.</param>
/// <param name="Instruction">What the learner is asked to do, in Chinese.</param>
/// <param name="Frames">How many frames the player sends.</param>
public sealed record IdentityCheckCapture(Guid CaptureId, string Challenge, string Instruction, int Frames);

/// <summary>The frames of one capture for a scheduled check during a video.</summary>
/// <param name="ClientProblem">"interrupted" or "camera" when the page could not capture (recorded as a retry).</param>
public sealed record IdentityCheckSubmission(Guid LearnerId, Guid ProjectId, Guid UnitId, Guid CheckId, Guid CaptureId,
    IReadOnlyList<byte[]> Frames, string? ClientProblem);

/// <summary>The verifier's answer for one capture during learning.</summary>
/// <param name="Passed">The face matches the learner's reference and liveness passed.</param>
/// <param name="Detail">Short reason for records (never biometric data).</param>
/// <param name="Retry">Not decided yet (unclear image, no face, interrupted…): the learner may try again with
/// <paramref name="NextCapture"/> — nothing goes to the ledger; the check's 2-minute window keeps running.</param>
/// <param name="Message">What the learner is told.</param>
public sealed record IdentityVerdict(bool Passed, string Detail, bool Retry = false, string Message = "", IdentityCheckCapture? NextCapture = null);

/// <summary>
/// The hook for random identity checks during videos (LRN-04, IDV-02). The face-verification module implements it;
/// while no implementation is registered the learning engine schedules no checks. Checks are scheduled only for
/// learners the verifier can check (face consent and a reference face); learners verified by staff on the alternative
/// path get none.
/// </summary>
public interface IIdentityCheckVerifier
{
    /// <summary>Of these learners, those who can be checked by face now.</summary>
    Task<IReadOnlySet<Guid>> LearnersCheckedByFaceAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct);

    /// <summary>
    /// Of these learners, when each last passed a face check in any context (login, exam, learning…; a reviewer's
    /// override to pass counts). Used to ask again after a long idle or a device change (IDV-02) without asking twice
    /// right after a login check.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, DateTime>> LastPassesAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct);

    /// <summary>Issues a capture for a due check; null when the learner cannot be checked by face (then the page says why).</summary>
    Task<IdentityCheckCapture?> StartAsync(Guid learnerId, Guid projectId, Guid unitId, Guid checkId, CancellationToken ct);

    Task<IdentityVerdict> VerifyAsync(IdentityCheckSubmission submission, CancellationToken ct);
}
