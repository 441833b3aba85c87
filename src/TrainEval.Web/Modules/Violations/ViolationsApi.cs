using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations;

internal sealed class ViolationsApi(AppDbContext db) : IViolationsApi
{
    public async Task<IReadOnlyList<ConfirmedViolation>> ConfirmedViolationsAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
    {
        var rows = await db.Set<Violation>().AsNoTracking()
            .Where(v => v.LearnerId == learnerId && v.State == ViolationState.Confirmed && (projectId == null || v.ProjectId == projectId))
            .ToListAsync(ct);
        return [.. rows.OrderBy(v => v.DecidedAtUtc).Select(Map)];
    }

    public async Task<IReadOnlyList<ConfirmedViolation>> ConfirmedSinceAsync(DateTime sinceUtc, int max, CancellationToken ct)
    {
        var rows = await db.Set<Violation>().AsNoTracking()
            .Where(v => v.State == ViolationState.Confirmed && v.DecidedAtUtc >= sinceUtc)
            .OrderBy(v => v.DecidedAtUtc).Take(Math.Clamp(max, 1, 1000)).ToListAsync(ct);
        return [.. rows.Select(Map)];
    }

    public Task<bool> HasSeriousViolationAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => db.Set<Violation>().AsNoTracking()
            .AnyAsync(v => v.LearnerId == learnerId && v.ProjectId == projectId && v.State == ViolationState.Confirmed && v.Tier >= 2, ct);

    private static ConfirmedViolation Map(Violation v) => new(v.Id, v.LearnerId, v.ProjectId, v.EvaluationInstitutionId, v.SittingId, v.Tier,
        v.ActCode, v.Act.Name, v.OccurredAtUtc, v.DecidedAtUtc!.Value, v.Consequence);
}
