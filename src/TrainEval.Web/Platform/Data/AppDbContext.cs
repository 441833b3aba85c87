using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Platform.Data;

/// <summary>
/// The one database context. No DbSet list: modules use <c>Set&lt;T&gt;()</c> and bring their own
/// configurations (table names prefixed by module). Provider subclasses carry their own migrations.
/// Contexts are pooled (<see cref="DataServices.AddPlatformData"/>): the only constructor argument is the options, which
/// carry the audit chain (<see cref="AuditChainOptionsBuilderExtensions.UseAuditChain(DbContextOptionsBuilder, AuditChain)"/>).
/// Its one flag of its own (<see cref="AuditAwaitingSeal"/>) is cleared when a unit of work begins — a save outside a
/// transaction, or a transaction a caller begins (<see cref="AuditSealInterceptor"/>) — so nothing carries over from
/// one lease to the next.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    private readonly AuditChain? chain = options.FindExtension<AuditChainOptions>()?.Chain;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("accounts_users");
        builder.Entity<IdentityRole<Guid>>().ToTable("accounts_identity_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("accounts_identity_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("accounts_identity_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("accounts_identity_user_logins");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("accounts_identity_role_claims");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("accounts_identity_user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC, on the way in and out, on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    /// <summary>Serialises appends to the audit chain inside the current transaction (the sealer's).</summary>
    internal abstract Task LockAuditChainAsync(CancellationToken ct);

    /// <summary>This context saved audit entries that wait for their transaction's commit to be sealed (<see cref="AuditSealInterceptor"/>).</summary>
    internal bool AuditAwaitingSeal { get; set; }

    /// <summary>SaveChangesAsync is running: a transaction that starts now is its own, carrying the entries just flagged.</summary>
    internal bool AuditSaving { get; private set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Audit entries must be saved with SaveChangesAsync.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// New audit entries are written with their MAC and sequence 0 in the caller's transaction: no chain-wide lock is
    /// held by business transactions. <see cref="AuditSealer"/> chains them right after the commit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditMutations();
        // Outside an explicit transaction nothing saved earlier waits for a commit: a flag left by a save that failed
        // before its transaction began (or by an earlier lease of this pooled instance) is stale.
        if (Database.CurrentTransaction is null) AuditAwaitingSeal = false;
        foreach (var e in ChangeTracker.Entries<AuditEntry>())
        {
            if (e.State != EntityState.Added) continue;
            e.Entity.Sequence = 0;
            e.Entity.Mac = (chain ?? throw new InvalidOperationException("These context options carry no audit chain (UseAuditChain).")).ComputeMac(e.Entity);
            AuditAwaitingSeal = true;
        }
        AuditSaving = true;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            AuditSaving = false;
        }
    }

    /// <summary>Audit records are append-only; the one update allowed is sealing a waiting entry (its sequence, predecessor and hash).</summary>
    private void RefuseAuditMutations()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.Entity is not (AuditEntry or AuditCheckpoint) || e.State is not (EntityState.Modified or EntityState.Deleted)) continue;
            var sealing = e.State == EntityState.Modified && e.Entity is AuditEntry
                && e.Property(nameof(AuditEntry.Sequence)).OriginalValue is 0L
                && e.Properties.Where(p => p.IsModified).All(p => p.Metadata.Name is nameof(AuditEntry.Sequence) or nameof(AuditEntry.PreviousHash) or nameof(AuditEntry.Hash));
            if (!sealing) throw new InvalidOperationException("Audit records are append-only.");
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    // Microsoft.Data.Sqlite starts transactions with BEGIN IMMEDIATE: the write lock is already held.
    internal override Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    private const long AuditChainLockKey = 0x7E_A0D1_7C4A;

    internal override Task LockAuditChainAsync(CancellationToken ct)
        => Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", ct);
}
