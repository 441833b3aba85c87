using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Jobs;

/// <summary>
/// Who runs a recurring job now. With several app nodes every node has the same timers; a job runs on a tick only on
/// the node holding its lease. The holder renews it on each tick; another node takes it over once it has not been
/// renewed for <see cref="LeaseFactor"/> intervals (the holder stopped or hangs). Jobs stay idempotent regardless —
/// the lease stops duplicate work such as two disposal proposals or two alerts for the same hour.
/// </summary>
public sealed class JobLease
{
    public const double LeaseFactor = 1.5;

    public string Name { get; private set; } = "";
    public string Holder { get; private set; } = "";
    public DateTime AcquiredAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }

    private JobLease() { }

    /// <summary>True when this node holds the job's lease until <paramref name="nowUtc"/> + 1.5 × interval (taken, renewed or created).</summary>
    public static async Task<bool> TryAcquireAsync(AppDbContext db, string name, string holder, TimeSpan interval, DateTime nowUtc, CancellationToken ct)
    {
        var until = nowUtc + interval * LeaseFactor;
        var taken = await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAtUtc <= nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.AcquiredAtUtc, nowUtc).SetProperty(l => l.ExpiresAtUtc, until), ct);
        if (taken == 1) return true;
        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, ct)) return false;
        db.Set<JobLease>().Add(new JobLease { Name = name, Holder = holder, AcquiredAtUtc = nowUtc, ExpiresAtUtc = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;   // another node created it first
        }
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("platform_job_leases");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Holder).HasMaxLength(120);
    }
}
