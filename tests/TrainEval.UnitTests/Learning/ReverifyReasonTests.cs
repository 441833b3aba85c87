using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Tracking;

namespace TrainEval.UnitTests.Learning;

/// <summary>IDV-02: when opening a video asks for a face check at once (long idle, device change).</summary>
public sealed class ReverifyReasonTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc);
    private static readonly LedgerRules Rules = LedgerRules.Default;
    private const string Pc = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156";
    private const string Phone = "Mozilla/5.0 (iPhone) Mobile/15E148";

    private static LearningSession Session(string userAgent, DateTime at)
        => LearningSession.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "sid", "203.0.113.1", userAgent, false, at);

    private static string? Reason(DateTime? heartbeat, DateTime? pass, string? previousUa, string currentUa = Pc)
        => LedgerBatch.ReverifyReason(heartbeat, pass, previousUa is null ? null : Session(previousUa, Now.AddHours(-1)), Session(currentUa, Now), Now, Rules);

    [Fact]
    public void IDV_02_the_first_video_ever_is_not_idle() => Assert.Null(Reason(null, null, null));

    [Fact]
    public void IDV_02_back_after_the_idle_limit_without_a_pass_is_long_idle()
    {
        Assert.Equal("long-idle", Reason(Now.AddMinutes(-30), null, Pc));
        Assert.Null(Reason(Now.AddMinutes(-29), null, Pc));
    }

    [Fact]
    public void IDV_02_a_pass_after_the_last_heartbeat_restarts_the_idle_clock()
    {
        Assert.Null(Reason(Now.AddHours(-3), Now.AddMinutes(-20), Pc));
        Assert.Equal("long-idle", Reason(Now.AddHours(-3), Now.AddMinutes(-40), Pc));
    }

    [Fact]
    public void IDV_02_another_device_needs_a_check_unless_one_passed_minutes_ago()
    {
        Assert.Equal("device-change", Reason(Now.AddMinutes(-2), Now.AddMinutes(-10), Pc, Phone));
        Assert.Null(Reason(Now.AddMinutes(-2), Now.AddMinutes(-4), Pc, Phone));
        Assert.Null(Reason(Now.AddMinutes(-2), null, Pc, Pc));
    }
}
