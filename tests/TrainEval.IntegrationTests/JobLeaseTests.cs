using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.IntegrationTests;

/// <summary>ARC-02 / IDV-05: with several nodes a recurring job (disposal proposals, failure-rate alerts) runs on one node per tick.</summary>
public sealed class JobLeaseTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private readonly TestApp app = fixture.App;
    private static readonly DateTime T0 = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    private Task<bool> TryAsync(string name, string node, DateTime at) => app.WithDbAsync(db => JobLease.TryAcquireAsync(db, name, node, Every, at, default));

    [Fact]
    public async Task ARC_02_one_node_holds_a_jobs_lease_and_another_takes_over_only_when_it_lapses()
    {
        var job = "test-job-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await TryAsync(job, "node-a", T0));                         // created
        Assert.False(await TryAsync(job, "node-b", T0.AddMinutes(5)));          // held by A
        Assert.True(await TryAsync(job, "node-a", T0.AddMinutes(10)));          // A renews on its next tick
        Assert.False(await TryAsync(job, "node-b", T0.AddMinutes(20)));         // still within 1.5 intervals of A's renewal
        Assert.True(await TryAsync(job, "node-b", T0.AddMinutes(25)));          // A went silent: B takes over
        Assert.False(await TryAsync(job, "node-a", T0.AddMinutes(30)));
        var lease = await app.WithDbAsync(db => db.Set<JobLease>().AsNoTracking().SingleAsync(l => l.Name == job));
        Assert.Equal("node-b", lease.Holder);
        Assert.Equal(T0.AddMinutes(25) + Every * JobLease.LeaseFactor, lease.ExpiresAtUtc);
    }

    [Fact]
    public async Task ARC_02_two_nodes_creating_a_lease_at_once_get_it_once()
    {
        var job = "test-race-" + Guid.NewGuid().ToString("N")[..8];
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TryAsync(job, $"node-{i}", T0)));
        Assert.Equal(1, results.Count(r => r));
    }
}
