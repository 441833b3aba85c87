namespace TrainEval.Web.Modules.Journey.Public;

/// <summary>Other modules ask the journey whether a step may open; they never decide it themselves.</summary>
public interface IJourneyApi
{
    /// <summary>What is missing before a step: the missing items of the first unfinished earlier step (empty when all are done).</summary>
    Task<IReadOnlyList<string>> MissingBeforeAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct);

    Task<(bool Open, IReadOnlyList<string> Missing)> CanOpenAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct);
}
