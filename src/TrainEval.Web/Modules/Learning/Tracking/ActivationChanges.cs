using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>
/// Tells every ledger writer (on every node) that a learner's course activations changed — opened, closed after a
/// refund or a reversed review, extended — so the writer's memory of them (<see cref="LearnerMemory"/>) is not used
/// again. It bumps the learner's ledger-state version, the concurrency token every writer batch updates with: the next
/// batch built on the old version fails, forgets the learner and re-reads state, sessions and activations.
/// <para>
/// The bump runs after the save that changed the activation: inside its transaction when the save has one of its own
/// (it holds the row until the commit, so a writer's update waits and then fails), else right after the commit. Either
/// way a writer that read the activations before the change has an older version, and one that reads after the bump
/// sees the change. A row is created when the learner has none yet, so a writer's first insert cannot slip past.
/// </para>
/// </summary>
internal sealed class ActivationChangeInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Guid>> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } ids)
            foreach (var id in ids) eventData.Context!.Database.ExecuteSql(LedgerVersion.Bump(id, clock.GetUtcNow().UtcDateTime));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } ids)
            foreach (var id in ids) await eventData.Context!.Database.ExecuteSqlAsync(LedgerVersion.Bump(id, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        var ids = db.ChangeTracker.Entries<CourseActivation>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.LearnerId).Distinct().ToList();
        if (ids.Count > 0) pending.AddOrUpdate(db, ids);
        else pending.Remove(db);
    }

    private List<Guid>? Take(DbContext? db)
    {
        if (db is null || !pending.TryGetValue(db, out var ids)) return null;
        pending.Remove(db);
        return ids;
    }
}

internal static class LedgerVersion
{
    private static readonly string InitialState = LedgerStateJson.Write(LedgerState.Initial);

    /// <summary>The statement that moves the learner's ledger-state version on by one (creating the row in its initial state if missing).</summary>
    public static FormattableString Bump(Guid learnerId, DateTime nowUtc)
        => $"""
            INSERT INTO learning_ledger_states ("LearnerId", "StateJson", "Version", "UpdatedAtUtc") VALUES ({learnerId}, {InitialState}, 1, {nowUtc})
            ON CONFLICT ("LearnerId") DO UPDATE SET "Version" = learning_ledger_states."Version" + 1
            """;
}
