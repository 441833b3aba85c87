namespace TrainEval.Web.Modules.Violations.Public;

/// <summary>A confirmed violation as other modules see it (certificates revoke on it, makeup refuses on it, archives list it).</summary>
/// <param name="SittingId">Null when the act was established outside an exam.</param>
/// <param name="ActCode">Catalogue code "{tier}-{item}" of seed 001 §4(二), e.g. "3-4" (冒名顶替).</param>
public sealed record ConfirmedViolation(Guid Id, Guid LearnerId, Guid ProjectId, Guid EvaluationInstitutionId, Guid? SittingId, int Tier,
    string ActCode, string ActName, DateTime OccurredAtUtc, DateTime ConfirmedAtUtc, string Consequence);

/// <summary>What other modules may ask the violations module (VIO-01).</summary>
public interface IViolationsApi
{
    /// <summary>The learner's confirmed violations (of one project, or all when null), oldest first.</summary>
    Task<IReadOnlyList<ConfirmedViolation>> ConfirmedViolationsAsync(Guid learnerId, Guid? projectId, CancellationToken ct);

    /// <summary>
    /// Violations confirmed at or after <paramref name="sinceUtc"/> (oldest first) — for the certificates module to revoke
    /// certificates issued before a later-confirmed violation ("已颁发证书的，宣布成绩无效", seed 001 §4(二) 4).
    /// </summary>
    Task<IReadOnlyList<ConfirmedViolation>> ConfirmedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct);

    /// <summary>
    /// MKP-01 "对存在替考、作弊、冒名考试或者其他严重违规行为的，不得安排补考": true when the learner has a confirmed tier 2 or
    /// tier 3 violation in the project (every tier-2/3 act is cheating or worse; tier 1 is "尚未构成作弊").
    /// </summary>
    Task<bool> HasSeriousViolationAsync(Guid learnerId, Guid projectId, CancellationToken ct);
}
