namespace TrainEval.Web.Modules.Violations.Public;

public sealed record ActiveBan(int Tier, DateTime EndsAtUtc, string Reason);

/// <summary>VIO-02: whether a learner is banned from enrollment and exam booking at a moment.</summary>
public interface IBansApi
{
    Task<ActiveBan?> ActiveBanAsync(Guid learnerId, DateTime atUtc, CancellationToken ct);
}
