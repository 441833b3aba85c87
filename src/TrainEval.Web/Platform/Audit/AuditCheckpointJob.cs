using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Platform.Audit;

/// <summary>Verifies the chain and records its head as a checkpoint; a broken chain is logged as critical.</summary>
public sealed class AuditCheckpointJob(AppDbContext db, AuditVerifier verifier, TimeProvider clock, ILogger<AuditCheckpointJob> log) : IRecurringJob
{
    public string Name => "audit-checkpoint";
    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        if (!result.Intact)
        {
            log.LogCritical("Audit chain broken: {Problem} at sequence {Sequence}", result.Problem, result.AtSequence);
            return;
        }
        var head = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence > 0).OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return;
        var last = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Sequence).Select(c => (long?)c.Sequence).FirstOrDefaultAsync(ct);
        if (last == head.Sequence) return;
        db.Set<AuditCheckpoint>().Add(new AuditCheckpoint(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }
}
