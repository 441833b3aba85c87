namespace TrainEval.Web.Modules.Certificates.Public;

/// <summary>A certificate as other modules see it (journey, archive).</summary>
/// <param name="Status">"issued", "revoked" or "replaced".</param>
public sealed record CertificateSummary(Guid Id, string Number, Guid LearnerId, Guid ProjectId, Guid EvaluationInstitutionId, string ProjectName,
    string LevelName, string Status, DateTime IssuedAtUtc, DateTime? PrintedAtUtc, DateTime? ReceivedAtUtc, DateTime? RevokedAtUtc, string RevokedReason,
    Guid? ReplacedById);

/// <summary>
/// Read side of the certificates module. The implementation only reads the module's own tables (no IJourneyApi), so the
/// journey gates may depend on it without a cycle.
/// </summary>
public interface ICertificatesApi
{
    /// <summary>The learner's live (issued, not revoked or replaced) certificate of the project, if any.</summary>
    Task<CertificateSummary?> LiveCertificateAsync(Guid learnerId, Guid projectId, CancellationToken ct);

    /// <summary>Every certificate of the learner (any status), oldest first.</summary>
    Task<IReadOnlyList<CertificateSummary>> ListOfLearnerAsync(Guid learnerId, CancellationToken ct);
}
