using System.Text.Json;

namespace TrainEval.Web.Modules.Exams.Attempts;

public enum AttemptState { Ready = 0, InProgress = 1, Submitted = 2 }

/// <summary>EXM-03: who or what submitted an attempt.</summary>
public enum SubmitMode { Learner = 1, Deadline = 2, Staff = 3 }

/// <summary>PER-02: where a result stands after the post-exam review.</summary>
public enum ResultState { Pending = 0, Published = 1, Held = 2, Cancelled = 3 }

/// <summary>Why a result was cancelled: a platform-caused interruption (EXM-04, a makeup case), a confirmed violation (VIO-01) or another reason.</summary>
public enum CancelCause { None = 0, Platform = 1, Violation = 2, Other = 3 }

/// <summary>One question as this candidate sees it: its place in the candidate's order and the option order shown.</summary>
/// <param name="Q">Question id.</param>
/// <param name="O">Displayed position → canonical option index (empty for practical items).</param>
/// <param name="P">Points.</param>
public sealed record LayoutItem(Guid Q, int[] O, decimal P);

/// <summary>
/// A candidate's attempt at a sitting (EXM-02..05). Pre-created with its own question layout before the window opens;
/// started once (deadline stored then, capped at the sitting's end); submitted once (learner, deadline job or lazily on
/// read, staff) and locked; the score comes only from the stored answers. One per (sitting, learner, attempt no.).
/// </summary>
public sealed class ExamAttempt
{
    public Guid Id { get; private set; }
    public Guid SittingId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid LearnerId { get; private set; }
    /// <summary>1 for the sitting; 2… for a re-sit granted after a platform-caused interruption (EXM-04).</summary>
    public int AttemptNo { get; private set; }
    public string LayoutJson { get; private set; } = "[]";
    public decimal MaxScore { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public AttemptState State { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? DeadlineUtc { get; private set; }
    /// <summary>Extra time granted by staff for a platform-caused interruption (EXM-04), already included in the deadline.</summary>
    public int ExtraSeconds { get; private set; }
    /// <summary>The current entry (page load that passed the gate); saves carry it, so an older tab or device is refused.</summary>
    public Guid? EntryId { get; private set; }
    public DateTime? LastEntryAtUtc { get; private set; }
    /// <summary>When the page of the current entry was shown; showing it again (a reload) is a re-entry (EC-01).</summary>
    public DateTime? EntryOpenedAtUtc { get; private set; }
    public int EntryCount { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public SubmitMode? SubmitMode { get; private set; }
    public Guid? SubmittedBy { get; private set; }
    /// <summary>Objective score computed from the stored answers at submission.</summary>
    public decimal? AutoScore { get; private set; }
    /// <summary>Total = objective + practical scores; null while practical items await examiners.</summary>
    public decimal? Score { get; private set; }
    public bool? Passed { get; private set; }
    public ResultState ResultState { get; private set; }
    public string? ResultNote { get; private set; }
    public CancelCause CancelCause { get; private set; }
    public DateTime? ResultChangedAtUtc { get; private set; }
    /// <summary>Concurrency token: every state change bumps it.</summary>
    public int Version { get; private set; }

    private ExamAttempt() { }

    public static ExamAttempt Prepare(Guid sittingId, Guid projectId, Guid learnerId, int attemptNo, IReadOnlyList<LayoutItem> layout, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), SittingId = sittingId, ProjectId = projectId, LearnerId = learnerId, AttemptNo = attemptNo,
        LayoutJson = JsonSerializer.Serialize(layout), MaxScore = layout.Sum(l => l.P), CreatedAtUtc = nowUtc,
    };

    public IReadOnlyList<LayoutItem> Layout() => ParseLayout(LayoutJson);

    public static IReadOnlyList<LayoutItem> ParseLayout(string layoutJson) => JsonSerializer.Deserialize<List<LayoutItem>>(layoutJson) ?? [];

    public void Start(DateTime nowUtc, DateTime deadlineUtc)
    {
        State = AttemptState.InProgress;
        StartedAtUtc = nowUtc;
        DeadlineUtc = deadlineUtc;
        Version++;
    }

    public Guid Enter(DateTime nowUtc)
    {
        EntryId = Guid.NewGuid();
        LastEntryAtUtc = nowUtc;
        EntryOpenedAtUtc = null;
        EntryCount++;
        Version++;
        return EntryId.Value;
    }

    public void OpenEntry(DateTime nowUtc)
    {
        EntryOpenedAtUtc = nowUtc;
        Version++;
    }

    public void GrantExtraTime(int seconds, DateTime newDeadlineUtc)
    {
        ExtraSeconds += seconds;
        DeadlineUtc = newDeadlineUtc;
        Version++;
    }

    public void Submit(SubmitMode mode, Guid? by, DateTime atUtc, decimal autoScore, decimal? total, bool? passed)
    {
        State = AttemptState.Submitted;
        SubmittedAtUtc = atUtc;
        SubmitMode = mode;
        SubmittedBy = by;
        AutoScore = autoScore;
        Score = total;
        Passed = passed;
        EntryId = null;
        Version++;
    }

    public void SetTotal(decimal total, bool passed)
    {
        Score = total;
        Passed = passed;
        Version++;
    }

    public void SetResult(ResultState state, string note, DateTime nowUtc, CancelCause cause = CancelCause.None)
    {
        ResultState = state;
        ResultNote = note;
        CancelCause = state == ResultState.Cancelled ? (cause == CancelCause.None ? CancelCause.Other : cause) : CancelCause.None;
        ResultChangedAtUtc = nowUtc;
        Version++;
    }
}

/// <summary>
/// The stored answer of one question of an attempt: the highest acknowledged seq wins (idempotent autosave). Written
/// only by <see cref="AnswerWriter"/> while the attempt is open; never touched after the attempt is locked (EXM-05).
/// </summary>
public sealed class ExamAnswer
{
    public Guid AttemptId { get; private set; }
    public Guid QuestionId { get; private set; }
    public long Seq { get; private set; }
    /// <summary>Canonical option indices, ascending, comma-separated; for practical items the candidate's text.</summary>
    public string Answer { get; private set; } = "";
    public DateTime SavedAtUtc { get; private set; }
    /// <summary>Taken in the grace period after the deadline (in flight when time ran out).</summary>
    public bool InGrace { get; private set; }

    private ExamAnswer() { }
}

/// <summary>An examiner's score for a practical item (append-only; the latest counts, earlier ones stay).</summary>
public sealed class PracticalScore
{
    public Guid Id { get; private set; }
    public Guid AttemptId { get; private set; }
    public Guid QuestionId { get; private set; }
    public decimal Points { get; private set; }
    public string Note { get; private set; } = "";
    public Guid ExaminerId { get; private set; }
    public DateTime AtUtc { get; private set; }

    private PracticalScore() { }

    public static PracticalScore Create(Guid attemptId, Guid questionId, decimal points, string note, Guid examinerId, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), AttemptId = attemptId, QuestionId = questionId, Points = points, Note = note, ExaminerId = examinerId, AtUtc = nowUtc };
}

/// <summary>
/// The attempt's event log (EXM-03/04; Canvas-style): entries, page hidden/shown, network lost/back, re-login and device
/// change, saves refused, submissions, extra time, re-sits, results.
/// </summary>
public sealed class AttemptEvent
{
    public Guid Id { get; private set; }
    public Guid AttemptId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    public string Detail { get; private set; } = "";
    public string? Ip { get; private set; }
    public string? Device { get; private set; }

    private AttemptEvent() { }

    public static AttemptEvent Create(Guid attemptId, string kind, DateTime atUtc, Guid? actorId, string detail, string? ip, string? device) => new()
    {
        Id = Guid.CreateVersion7(), AttemptId = attemptId, Kind = kind, AtUtc = atUtc, ActorId = actorId,
        Detail = detail.Length > 500 ? detail[..500] : detail, Ip = ip, Device = device is { Length: > 200 } ? device[..200] : device,
    };
}

public static class AttemptEventKinds
{
    public const string Entered = "entered", Reentered = "reentered", Started = "started", Hidden = "page_hidden", Visible = "page_visible",
        Offline = "offline", Online = "online", DeviceChanged = "device_changed", SaveRefused = "save_refused", LateSave = "late_save",
        Submitted = "submitted", ExtraTime = "extra_time", Resit = "resit", Reviewed = "reviewed", Voided = "voided", Appealed = "appealed",
        PracticalScored = "practical_scored";

    /// <summary>What the page may report (everything else is written by the server).</summary>
    public static readonly IReadOnlySet<string> FromClient = new HashSet<string> { Hidden, Visible, Offline, Online };

    public static string Label(string kind) => kind switch
    {
        Entered => "进入考试", Reentered => "重新进入考试", Started => "开始作答", Hidden => "离开考试页面", Visible => "回到考试页面",
        Offline => "网络中断", Online => "网络恢复", DeviceChanged => "更换设备或重新登录", SaveRefused => "保存被拒绝", LateSave => "宽限期内保存",
        Submitted => "交卷", ExtraTime => "补偿时间", Resit => "安排重考", Reviewed => "考后复核", Voided => "成绩作废", Appealed => "成绩申诉",
        PracticalScored => "实操评分", _ => kind,
    };
}
