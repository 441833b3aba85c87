using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// Chains committed audit entries (SEC-02) — group commit for the audit chain. Business transactions only insert their
/// entries (sequence 0, with a MAC); no chain-wide lock is held while they run. Right after a commit the writer calls
/// <see cref="SealAsync"/>: one pass at a time takes the chain lock in a short transaction of its own, reads the head,
/// seals every waiting entry in insertion order and commits. Callers that arrive while a pass runs wait for the next
/// one, which seals all of them together, so N concurrent starts cost about one pass, not N serialised transactions.
/// The chain order is the sealing order; an entry whose MAC does not hold (inserted or edited in the database) is never
/// sealed and is reported by <see cref="AuditVerifier"/>. Entries left waiting by a crash between commit and seal are
/// sealed by the next pass on any node, at the latest by <see cref="AuditSealJob"/>.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, AuditChain chain, ILogger<AuditSealer> log)
{
    public const int BatchSize = 1000;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<long> refused = [];
    private long started, completed, failed;

    /// <summary>Passes that failed since start (each is logged; the entries stay waiting for the next pass).</summary>
    public long FailedPasses => Interlocked.Read(ref failed);

    /// <summary>Returns once a pass that began after this call has sealed every entry committed before it.</summary>
    public async Task SealAsync(CancellationToken ct = default)
    {
        var arrival = Interlocked.Read(ref started);
        await gate.WaitAsync(ct);
        try
        {
            // A pass numbered above what had started when we arrived began after our commit: it saw our entries.
            if (Interlocked.Read(ref completed) > arrival) return;
            var pass = Interlocked.Increment(ref started);
            try
            {
                await RunPassAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                throw;
            }
            Interlocked.Exchange(ref completed, pass);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RunPassAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        // Writers wait for the pass while holding their own connections: the sealer must never queue behind them for
        // one, so on PostgreSQL it uses a small pool of its own (Npgsql keeps one pool per connection string), through a
        // context of its own: the app's contexts are pooled and must keep the app's connection string.
        await using var own = SealerContext(scope.ServiceProvider);
        var db = own ?? scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int taken;
        do
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.LockAuditChainAsync(ct);
            var head = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence > 0).OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            var skip = refused.ToList();
            var waiting = await db.Set<AuditEntry>().Where(a => a.Sequence == 0 && !skip.Contains(a.Id)).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
            taken = waiting.Count;
            if (taken == 0) return;
            var genuine = new List<AuditEntry>(taken);
            foreach (var e in waiting)
            {
                if (chain.ComputeMac(e) == e.Mac) { genuine.Add(e); continue; }
                refused.Add(e.Id);
                log.LogCritical("Audit entry {Id} ({Action}) does not carry a valid MAC: inserted or edited in the database; it is not chained", e.Id, e.Action);
            }
            chain.Seal(genuine, head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        while (taken == BatchSize);
    }

    private DbContextOptions<PostgresAppDbContext>? sealerOptions;

    /// <summary>On PostgreSQL a context on the sealer's own pool (not pooled itself); null on SQLite, which has one writer anyway.</summary>
    private PostgresAppDbContext? SealerContext(IServiceProvider services)
    {
        if (services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.Postgres) return null;
        var options = sealerOptions ??= Sealer(services.GetRequiredService<DbContextOptions<PostgresAppDbContext>>());
        return new PostgresAppDbContext(options);
    }

    private static DbContextOptions<PostgresAppDbContext> Sealer(DbContextOptions<PostgresAppDbContext> app)
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(app).ConnectionString) { ApplicationName = "traineval-audit-sealer", MaxPoolSize = 2 }.ConnectionString;
        return new DbContextOptionsBuilder<PostgresAppDbContext>(app).UseNpgsql(connection).Options;
    }
}

/// <summary>Seals entries no writer waited for (a crash between commit and seal, a synchronous commit).</summary>
public sealed class AuditSealJob(AuditSealer sealer) : IRecurringJob
{
    public string Name => "audit-seal";
    public TimeSpan Interval => TimeSpan.FromMinutes(1);
    public Task RunAsync(CancellationToken ct) => sealer.SealAsync(ct);
}
