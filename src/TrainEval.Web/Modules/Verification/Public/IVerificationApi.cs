namespace TrainEval.Web.Modules.Verification.Public;

/// <summary>Where a learner's identity stands (for the journey, exams and staff pages of other modules).</summary>
/// <param name="FaceReady">Consent given and a reference face on file: face checks are possible.</param>
/// <param name="ManualVerified">Staff verified the ID document on the alternative path.</param>
public sealed record IdentityStanding(bool FaceReady, bool ManualVerified)
{
    public bool Established => FaceReady || ManualVerified;
}

/// <summary>
/// What other modules may ask the verification module. Exams (issue 6) start a check per sitting with
/// <see cref="StartCheckAsync"/> (context "exam"/"makeup", reference = the sitting) and ask <see cref="HasPassedAsync"/>
/// before the attempt opens — a pass is never reused across projects or sittings (IDV-02).
/// </summary>
public interface IVerificationApi
{
    Task<IdentityStanding> GetStandingAsync(Guid learnerId, CancellationToken ct);

    /// <summary>Issues a capture for the learner; returns the capture page URL, or null with the reason when no face check is possible.</summary>
    Task<(string? CaptureUrl, string? Problem)> StartCheckAsync(Guid learnerId, string context, Guid projectId, string contextRef, string returnUrl, CancellationToken ct);

    /// <summary>A pass (or a reviewer's override to pass) in exactly this context and reference since <paramref name="sinceUtc"/>.</summary>
    Task<bool> HasPassedAsync(Guid learnerId, string context, Guid projectId, string contextRef, DateTime sinceUtc, CancellationToken ct);
}
