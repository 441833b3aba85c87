namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>Why a stretch of time counted or not (LRN-05). Stored as <see cref="LedgerReasons.Code"/> in ledger rows.</summary>
public enum LedgerReason
{
    /// <summary>Counted as effective learning time.</summary>
    Credited,
    /// <summary>First accepted heartbeat of a session or of a unit switch: starts the clock; the time before it belongs to no playback.</summary>
    Baseline,
    /// <summary>Same sequence as the last accepted heartbeat (a retry). Refused, nothing changes.</summary>
    Duplicate,
    /// <summary>Sequence lower than the last accepted one. Refused, nothing changes.</summary>
    OutOfOrder,
    /// <summary>Server time earlier than the latest one already seen for the learner (the stored heartbeat is dated in its future; a clock step between nodes). Refused, nothing changes.</summary>
    FutureDated,
    /// <summary>Not the learner's active login session (signed out by a newer login, or never signed in). Refused.</summary>
    SecondDevice,
    /// <summary>Another unit is playing in another tab or device. Refused.</summary>
    ParallelCourse,
    /// <summary>The activation is not open or the unit is not a playable video. Refused.</summary>
    NotActivated,
    /// <summary>Position negative, not a number, or past the end of the video. Refused.</summary>
    BeyondDuration,
    /// <summary>Paused at either end of the interval, or the playhead did not advance as far as the time claimed.</summary>
    NotPlaying,
    /// <summary>Page hidden or not focused at either end of the interval.</summary>
    Hidden,
    /// <summary>Playback rate other than 1.0 at either end of the interval.</summary>
    Speed,
    /// <summary>The playhead moved beyond the watched part faster than wall-clock time allows, or the interval started beyond it.</summary>
    Seek,
    /// <summary>The interaction check was not answered within the window; time until it is answered.</summary>
    Idle,
    /// <summary>Silence between heartbeats longer than <see cref="LedgerRules.MaxCreditPerHeartbeatSeconds"/>: the rest.</summary>
    Gap,
    /// <summary>Beyond the daily cap (recorded, not credited).</summary>
    Cap,
    /// <summary>Voided by a failed identity check, or time after a failed check until one passes.</summary>
    FaceCheckFailed,
    /// <summary>Voided by staff who confirmed an anomaly flag for the stretch (negative entry, LRN-08).</summary>
    AnomalyConfirmed,
}

public static class LedgerReasons
{
    /// <summary>The stable code used in ledger rows, audit records and the learner's explanation.</summary>
    public static string Code(this LedgerReason reason) => reason switch
    {
        LedgerReason.Credited => "credited",
        LedgerReason.Baseline => "baseline",
        LedgerReason.Duplicate => "duplicate",
        LedgerReason.OutOfOrder => "out-of-order",
        LedgerReason.FutureDated => "future-dated",
        LedgerReason.SecondDevice => "second-device",
        LedgerReason.ParallelCourse => "parallel-course",
        LedgerReason.NotActivated => "not-activated",
        LedgerReason.BeyondDuration => "beyond-duration",
        LedgerReason.NotPlaying => "not-playing",
        LedgerReason.Hidden => "hidden",
        LedgerReason.Speed => "speed",
        LedgerReason.Seek => "seek",
        LedgerReason.Idle => "idle",
        LedgerReason.Gap => "gap",
        LedgerReason.Cap => "cap",
        LedgerReason.FaceCheckFailed => "face-check-failed",
        LedgerReason.AnomalyConfirmed => "anomaly-confirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
