using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Jobs;
using TrainEval.Web.Platform.Retention;

namespace TrainEval.Web.Modules.Retention;

/// <summary>
/// Controlled disposal (ARC-02): propose expired records per record type (the job, or an administrator), approve,
/// confirm by a second administrator — then the owning module's <see cref="IRetentionTarget.DisposeAsync"/>, the
/// disposal record and the audit entry are saved in one transaction, and the freed files are deleted afterwards.
/// </summary>
public sealed class RetentionService(AppDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IRetentionTarget> targets,
    IOptions<RetentionOptions> options, IFileStore files, ILogger<RetentionService> log)
{
    private readonly List<IRetentionTarget> targets = targets.ToList();

    public IReadOnlyList<RetentionRule> Rules => RetentionPolicy.Rules(targets, options.Value);

    /// <summary>One proposal per record type that has expired records and no open proposal. Returns how many were made.</summary>
    public async Task<int> ProposeAsync(Guid? byId, string byName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Set<DisposalRecord>().Where(d => d.Status == DisposalStatus.Proposed || d.Status == DisposalStatus.Approved)
            .Select(d => d.RecordType).ToListAsync(ct);
        var made = 0;
        foreach (var rule in Rules.Where(r => !open.Contains(r.RecordType)))
        {
            var candidates = await targets.Single(t => t.RecordType == rule.RecordType).ExpiredAsync(rule.CutoffFor(now), options.Value.MaxBatch, ct);
            if (candidates.Count == 0) continue;
            var record = DisposalRecord.Propose(rule, candidates, byId, byName, now);
            db.Set<DisposalRecord>().Add(record);
            var detail = new { record.RecordType, record.PeriodDays, record.CutoffUtc, Count = candidates.Count, record.IdsSha256 };
            if (byId is null) audit.RecordAs(null, "system", "system", null, "retention.proposed", "disposal", record.Id.ToString(), detail);
            else audit.Record("retention.proposed", "disposal", record.Id.ToString(), detail);
            made++;
        }
        if (made > 0) await db.SaveChangesAsync(ct);
        return made;
    }

    public async Task<string?> ApproveAsync(Guid id, Guid byId, string byName, CancellationToken ct)
    {
        var record = await db.Set<DisposalRecord>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return "找不到该处置批次。";
        var error = record.Approve(byId, byName, clock.GetUtcNow().UtcDateTime);
        if (error is not null) return error;
        audit.Record("retention.approved", "disposal", record.Id.ToString(), new { record.RecordType, record.ProposedCount, record.IdsSha256 });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> RejectAsync(Guid id, Guid byId, string byName, string reason, CancellationToken ct)
    {
        var record = await db.Set<DisposalRecord>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return "找不到该处置批次。";
        var error = record.Reject(byId, byName, reason ?? "", clock.GetUtcNow().UtcDateTime);
        if (error is not null) return error;
        audit.Record("retention.rejected", "disposal", record.Id.ToString(), new { record.RecordType, record.ProposedCount, Reason = record.Note });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The second administrator's confirmation: disposes in one transaction, then deletes the freed files.</summary>
    public async Task<string?> ConfirmAsync(Guid id, Guid byId, string byName, CancellationToken ct)
    {
        var record = await db.Set<DisposalRecord>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return "找不到该处置批次。";
        var target = targets.SingleOrDefault(t => t.RecordType == record.RecordType);
        if (target is null) return "该记录类型已不再配置处置，无法执行。";
        // Re-checked against the cut-off of the proposal: nothing younger than the period in force when proposed goes.
        var staged = await target.DisposeAsync(record.IdList, record.CutoffUtc, ct);
        var error = record.Confirm(byId, byName, staged.Count, clock.GetUtcNow().UtcDateTime);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        record.FilesRemoved(staged.FileKeysToDelete.Count);
        audit.Record("retention.disposed", "disposal", record.Id.ToString(), new
        {
            record.RecordType, record.ProposedCount, record.DisposedCount, Files = staged.FileKeysToDelete.Count, record.IdsSha256,
            record.ProposedByName, record.ApprovedByName,
        });
        await db.SaveChangesAsync(ct);

        // After commit: the rows no longer point to these files (and their data keys are gone), so deleting is safe;
        // a failure leaves only unreadable ciphertext behind, logged for the operator.
        foreach (var key in staged.FileKeysToDelete)
        {
            try { await files.DeleteAsync(key, CancellationToken.None); }
            catch (IOException e) { log.LogWarning(e, "Disposal {Disposal}: could not delete file {Key}", record.Id, key); }
        }
        return null;
    }
}

/// <summary>Daily: proposes a disposal batch for each record type with expired records (nothing is disposed without two administrators).</summary>
public sealed class ProposeDisposalsJob(RetentionService service) : IRecurringJob
{
    public string Name => "retention.propose";
    public TimeSpan Interval => TimeSpan.FromDays(1);
    public Task RunAsync(CancellationToken ct) => service.ProposeAsync(null, "系统（保存期限任务）", ct);
}
