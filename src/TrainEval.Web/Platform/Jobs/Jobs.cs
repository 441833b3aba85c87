using Microsoft.EntityFrameworkCore;

namespace TrainEval.Web.Platform.Jobs;

/// <summary>A job run periodically by <see cref="JobRunner"/>. Jobs are idempotent and claim rows with conditional updates.</summary>
public interface IRecurringJob
{
    string Name { get; }
    TimeSpan Interval { get; }
    Task RunAsync(CancellationToken ct);
}

public sealed class JobsOptions
{
    public const string Section = "Platform:Jobs";
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Runs every registered <see cref="IRecurringJob"/> on a <see cref="PeriodicTimer"/> driven by the <see cref="TimeProvider"/>;
/// with several nodes a tick runs the job only on the node holding its <see cref="JobLease"/>.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, JobsOptions options, ILogger<JobRunner> log) : BackgroundService
{
    /// <summary>This node's name in job leases: host, process and a random part (two processes on one host differ).</summary>
    public string Holder { get; } = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}" is var h && h.Length > 120 ? h[..120] : h;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return Task.CompletedTask;
        using var scope = scopes.CreateScope();
        var jobs = scope.ServiceProvider.GetServices<IRecurringJob>().Select(j => (j.Name, j.Interval, Type: j.GetType())).ToList();
        return Task.WhenAll(jobs.Select(j => LoopAsync(j.Name, j.Interval, j.Type, stoppingToken)));
    }

    private async Task LoopAsync(string name, TimeSpan interval, Type type, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                await RunOnceAsync(name, interval, type, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public async Task RunOnceAsync(string name, TimeSpan interval, Type type, CancellationToken ct)
    {
        try
        {
            using (var leaseScope = scopes.CreateScope())
            {
                var db = leaseScope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
                if (!await JobLease.TryAcquireAsync(db, name, Holder, interval, clock.GetUtcNow().UtcDateTime, ct)) return;
            }
            using var scope = scopes.CreateScope();
            var job = scope.ServiceProvider.GetServices<IRecurringJob>().First(j => j.GetType() == type);
            await job.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Job {Job} failed", name);
        }
    }
}

public enum WorkItemStatus { Pending = 0, Done = 1, Failed = 2 }

/// <summary>
/// A side effect outside the database (mail, SMS, PDF) written in the same transaction as the change that
/// causes it, and carried out later by a job that claims it with a conditional update.
/// </summary>
public sealed class WorkItem
{
    public long Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public WorkItemStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public string LastError { get; private set; } = "";

    private WorkItem() { }
    public WorkItem(string kind, string payload, DateTime nowUtc) { Kind = kind; Payload = payload; CreatedAtUtc = nowUtc; NextAttemptAtUtc = nowUtc; }

    public void Succeeded() => Status = WorkItemStatus.Done;

    public void FailedAttempt(string error, DateTime nowUtc, int maxAttempts = 8)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        Status = Attempts >= maxAttempts ? WorkItemStatus.Failed : WorkItemStatus.Pending;
        NextAttemptAtUtc = nowUtc.AddSeconds(Math.Min(3600, 15 * Math.Pow(2, Attempts)));
    }
}

internal sealed class WorkItemConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<WorkItem>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<WorkItem> b)
    {
        b.ToTable("platform_work_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
    }
}
