namespace TrainEval.Web.Modules.Journey.Public;

/// <summary>Other modules ask the journey whether a step may open; they never decide it themselves.</summary>
public interface IJourneyApi
{
    Task<(bool Open, IReadOnlyList<string> Missing)> CanOpenAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct);
}
