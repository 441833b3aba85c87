namespace TrainEval.Web.Modules.Learning.Public;

/// <summary>The verifier's answer for one capture during learning.</summary>
/// <param name="Passed">The face matches the learner's enrolled face and liveness passed.</param>
/// <param name="Detail">Short reason for records (never biometric data).</param>
public sealed record IdentityVerdict(bool Passed, string Detail);

/// <summary>
/// The hook for random identity checks during videos (LRN-04). The face-verification module implements it; while no
/// implementation is registered, the learning engine schedules no checks (and says so on the course page).
/// </summary>
public interface IIdentityCheckVerifier
{
    Task<IdentityVerdict> VerifyAsync(Guid learnerId, byte[] jpeg, CancellationToken ct);
}
