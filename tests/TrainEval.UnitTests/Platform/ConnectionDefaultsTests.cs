using Npgsql;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Data;

namespace TrainEval.UnitTests.Platform;

/// <summary>
/// Defaults on the exam-day hot paths (issue 6, docs/BENCHMARKS.md "third session"): the PostgreSQL pool keeps what a start
/// wave opened through the sitting, and the login face gate's readiness entries do not all expire together.
/// </summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void EXM_03_the_pool_keeps_idle_connections_an_hour_unless_the_connection_string_says_otherwise()
    {
        var added = new NpgsqlConnectionStringBuilder(DataServices.PostgresConnectionString("Host=db;Database=traineval;Username=app"));
        Assert.Equal(3600, added.ConnectionIdleLifetime);
        Assert.Equal(128, added.MaxAutoPrepare);
        Assert.True(added.NoResetOnClose);

        var given = new NpgsqlConnectionStringBuilder(DataServices.PostgresConnectionString(
            "Host=db;Database=traineval;Username=app;Connection Idle Lifetime=120;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(120, given.ConnectionIdleLifetime);
        Assert.Equal(0, given.MaxAutoPrepare);
        Assert.False(given.NoResetOnClose);
    }

    [Fact]
    public void IDV_02_login_gate_readiness_is_trusted_between_30_and_60_seconds_and_spread()
    {
        var spans = Enumerable.Range(0, 2000).Select(_ => LoginCheckGate.ReadyFor()).ToList();
        Assert.All(spans, s => Assert.InRange(s.TotalSeconds, 30, 60));
        // Spread over the range, so entries filled together expire over half a minute rather than at one instant.
        Assert.True(spans.Max() - spans.Min() > TimeSpan.FromSeconds(25));
    }
}
