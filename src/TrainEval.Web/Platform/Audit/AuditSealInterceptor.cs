using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// Seals a context's audit entries as soon as the transaction that carries them commits: after SaveChangesAsync when it
/// ran its own transaction, after CommitAsync of an explicit one. So when a write returns, its audit entries are chained.
/// Sealing never fails the write (it is committed): a failed pass is logged and the next pass or job seals the entries.
/// </summary>
public sealed class AuditSealInterceptor(AuditSealer sealer, ILogger<AuditSealInterceptor> log) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext { AuditAwaitingSeal: true } db && db.Database.CurrentTransaction is null)
            await SealAsync(db, ct);
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext { AuditAwaitingSeal: true } db) await SealAsync(db, ct);
    }

    // An explicit transaction begins a new unit of work: whatever an earlier one left flagged is over (committed and
    // sealed, rolled back, or committed below EF, which the next pass or the job seals). Contexts are pooled, so without
    // this a flag left by one lease would make the next lease's commit seal again, and the sealer's own commit wait for
    // its own pass. The transaction SaveChangesAsync starts for itself carries the entries it has just flagged: kept.
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext { AuditSaving: false } db) db.AuditAwaitingSeal = false;
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is AppDbContext { AuditSaving: false } db) db.AuditAwaitingSeal = false;
        return result;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext db) db.AuditAwaitingSeal = false;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.AuditAwaitingSeal = false;
    }

    private async Task SealAsync(AppDbContext db, CancellationToken ct)
    {
        db.AuditAwaitingSeal = false;
        try
        {
            await sealer.SealAsync(ct);
        }
        catch (Exception e)
        {
            // Committed either way; a caller that went away after its commit is not worth a warning.
            if (e is not OperationCanceledException) log.LogWarning(e, "Sealing audit entries after a commit failed; the next pass seals them");
        }
    }
}
