namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>Per-project ledger settings (LRN-05). Defaults follow seed 003: 8 class hours × 45 min per day.</summary>
public sealed record LedgerRules
{
    public static LedgerRules Default { get; } = new();

    /// <summary>The only playback rate that is credited.</summary>
    public const double RequiredPlaybackRate = 1.0;

    /// <summary>An interaction check is due this long after the last one was answered (or after sign-in).</summary>
    public int InteractionIntervalMinutes { get; init; } = 10;

    /// <summary>How long the learner has to answer a due check; time after that, until answered, is idle.</summary>
    public int InteractionAnswerWindowSeconds { get; init; } = 60;

    /// <summary>Effective time credited per learner per Beijing calendar day; the excess is recorded with reason Cap.</summary>
    public int DailyCapMinutes { get; init; } = 360;

    /// <summary>The player sends every 30 s; a longer silence is credited only up to this much (the rest is Gap).</summary>
    public int MaxCreditPerHeartbeatSeconds { get; init; } = 60;

    /// <summary>Slack for the playhead: buffering, timer jitter, rounding.</summary>
    public double SeekToleranceSeconds { get; init; } = 2;

    /// <summary>A heartbeat for another unit is refused while the active unit had a playing heartbeat this recently.</summary>
    public int ParallelCourseLockSeconds { get; init; } = 60;

    /// <summary>
    /// IDV-02 "again after long idle, re-entry or device change": opening a video after this long without an accepted
    /// heartbeat and without a face pass asks for a check at once.
    /// </summary>
    public int ReverifyAfterIdleMinutes { get; init; } = 30;

    /// <summary>A face pass this recent (typically the login check on the new device) makes a device-change check unnecessary.</summary>
    public int RecentPassMinutes { get; init; } = 5;

    public TimeSpan ReverifyAfterIdle => TimeSpan.FromMinutes(ReverifyAfterIdleMinutes);
    public TimeSpan RecentPass => TimeSpan.FromMinutes(RecentPassMinutes);
    public TimeSpan InteractionInterval => TimeSpan.FromMinutes(InteractionIntervalMinutes);
    public TimeSpan InteractionAnswerWindow => TimeSpan.FromSeconds(InteractionAnswerWindowSeconds);
    public TimeSpan DailyCap => TimeSpan.FromMinutes(DailyCapMinutes);
    public TimeSpan MaxCreditPerHeartbeat => TimeSpan.FromSeconds(MaxCreditPerHeartbeatSeconds);
    public TimeSpan ParallelCourseLock => TimeSpan.FromSeconds(ParallelCourseLockSeconds);
}
