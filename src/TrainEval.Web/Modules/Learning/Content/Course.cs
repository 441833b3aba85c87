namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>
/// The online course of one project (LRN-01, PLT-02): sections organised by the occupational standard's knowledge and
/// skill points, units of several kinds, and the machine-checked completion rule and ledger settings the project
/// publishes (LRN-05, LRN-09). Owned by the project's training institution; teachers author it.
/// </summary>
public sealed class Course
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid TrainingInstitutionId { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";

    /// <summary>Effective learning time credited per learner per Beijing day (default 8 class hours × 45 min).</summary>
    public int DailyCapMinutes { get; private set; } = 360;
    /// <summary>The interaction prompt comes this often during playback (default 10 minutes).</summary>
    public int InteractionIntervalMinutes { get; private set; } = 10;
    /// <summary>Random identity checks per video (at least one).</summary>
    public int IdentityChecksPerVideo { get; private set; } = 1;

    // Completion rule (LRN-09): every part that is set must be met.
    /// <summary>Effective learning minutes required (0: no time requirement).</summary>
    public int RequiredMinutes { get; private set; }
    /// <summary>Every required unit must be done.</summary>
    public bool RequireAllUnits { get; private set; } = true;
    /// <summary>Practice questions answered at least (0: none required; PRC-02).</summary>
    public int PracticeMinAnswered { get; private set; }
    /// <summary>Practice accuracy at least, in percent (0: none required).</summary>
    public int PracticeMinAccuracyPercent { get; private set; }
    /// <summary>Every self-test unit must be passed.</summary>
    public bool RequireSelfTestsPassed { get; private set; } = true;

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    private Course() { }

    public static Course Create(Guid projectId, Guid trainingInstitutionId, string title, string summary, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = projectId, TrainingInstitutionId = trainingInstitutionId, Title = title.Trim(),
        Summary = summary.Trim(), CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
    };

    public void Rename(string title, string summary, DateTime nowUtc)
    {
        Title = title.Trim();
        Summary = summary.Trim();
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Sets the ledger settings and completion rule (callers audit the old and new values).</summary>
    public void SetRules(CourseRules rules, DateTime nowUtc)
    {
        DailyCapMinutes = rules.DailyCapMinutes;
        InteractionIntervalMinutes = rules.InteractionIntervalMinutes;
        IdentityChecksPerVideo = rules.IdentityChecksPerVideo;
        RequiredMinutes = rules.RequiredMinutes;
        RequireAllUnits = rules.RequireAllUnits;
        PracticeMinAnswered = rules.PracticeMinAnswered;
        PracticeMinAccuracyPercent = rules.PracticeMinAccuracyPercent;
        RequireSelfTestsPassed = rules.RequireSelfTestsPassed;
        UpdatedAtUtc = nowUtc;
    }

    public CourseRules Rules => new(DailyCapMinutes, InteractionIntervalMinutes, IdentityChecksPerVideo, RequiredMinutes, RequireAllUnits,
        PracticeMinAnswered, PracticeMinAccuracyPercent, RequireSelfTestsPassed);

    public Ledger.LedgerRules LedgerRules => new() { DailyCapMinutes = DailyCapMinutes, InteractionIntervalMinutes = InteractionIntervalMinutes };
}

public sealed record CourseRules(int DailyCapMinutes, int InteractionIntervalMinutes, int IdentityChecksPerVideo, int RequiredMinutes,
    bool RequireAllUnits, int PracticeMinAnswered, int PracticeMinAccuracyPercent, bool RequireSelfTestsPassed)
{
    public static CourseRules Default { get; } = new(360, 10, 1, 0, true, 0, 0, true);

    /// <summary>Plain Chinese errors; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        if (DailyCapMinutes is < 45 or > 720) errors.Add("每日有效学时上限须在 45～720 分钟之间。");
        if (InteractionIntervalMinutes is < 1 or > 60) errors.Add("互动确认间隔须在 1～60 分钟之间。");
        if (IdentityChecksPerVideo is < 1 or > 5) errors.Add("每个视频的随机人脸核验次数须在 1～5 次之间。");
        if (RequiredMinutes is < 0 or > 100_000) errors.Add("要求的有效学习时长无效。");
        if (PracticeMinAnswered is < 0 or > 100_000) errors.Add("练习题量要求无效。");
        if (PracticeMinAccuracyPercent is < 0 or > 100) errors.Add("练习正确率要求须在 0～100 之间。");
        return errors;
    }
}

/// <summary>A section (模块) of the course, organised by knowledge and skill points of the occupational standard.</summary>
public sealed class CourseSection
{
    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public int Order { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>Knowledge and skill points covered, e.g. "1.1 游泳运动概述；1.2 安全知识".</summary>
    public string KnowledgePoints { get; private set; } = "";

    private CourseSection() { }

    public static CourseSection Create(Guid courseId, int order, string title, string knowledgePoints) => new()
    {
        Id = Guid.CreateVersion7(), CourseId = courseId, Order = order, Title = title.Trim(), KnowledgePoints = knowledgePoints.Trim(),
    };

    public void MoveTo(int order) => Order = order;

    public void Update(int order, string title, string knowledgePoints)
    {
        Order = order;
        Title = title.Trim();
        KnowledgePoints = knowledgePoints.Trim();
    }
}

public enum UnitKind
{
    /// <summary>Recorded MP4 video, streamed through short-lived signed URLs; time credited by the ledger.</summary>
    Video = 1,
    /// <summary>Scheduled live session (join link or HLS URL); attendance recorded; replay video attached afterwards.</summary>
    Live = 2,
    /// <summary>PDF document or image, read in the browser.</summary>
    Document = 3,
    /// <summary>Interactive self-test drawn from the practice bank.</summary>
    SelfTest = 4,
}

/// <summary>
/// A task of the course (LRN-01, LRN-02). Units are ordered within their section; prerequisites are separate rows.
/// Units are archived, never deleted, so records keep pointing at what the learner saw.
/// </summary>
public sealed class CourseUnit
{
    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid SectionId { get; private set; }
    public int Order { get; private set; }
    public UnitKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The knowledge or skill point the unit teaches (PLT-02).</summary>
    public string KnowledgePoint { get; private set; } = "";
    /// <summary>Counts toward "every required unit done".</summary>
    public bool Required { get; private set; } = true;
    /// <summary>Length in seconds: video and replay from the file, live from the schedule, documents the stated reading time, self-tests the time limit.</summary>
    public double DurationSeconds { get; private set; }

    // Stored content (video, document, live replay).
    public string FileKey { get; private set; } = "";
    public string FileSha256 { get; private set; } = "";
    public long FileSize { get; private set; }
    public string ContentType { get; private set; } = "";

    // Live session.
    public DateTime? LiveStartsAtUtc { get; private set; }
    public string LiveJoinUrl { get; private set; } = "";

    // Self-test.
    public int SelfTestQuestionCount { get; private set; }
    public int SelfTestPassPercent { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }

    private CourseUnit() { }

    public static CourseUnit Create(Guid courseId, Guid sectionId, int order, UnitKind kind, string title, string knowledgePoint, bool required,
        Guid createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), CourseId = courseId, SectionId = sectionId, Order = order, Kind = kind, Title = title.Trim(),
        KnowledgePoint = knowledgePoint.Trim(), Required = required, CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public void Update(Guid sectionId, int order, string title, string knowledgePoint, bool required)
    {
        SectionId = sectionId;
        Order = order;
        Title = title.Trim();
        KnowledgePoint = knowledgePoint.Trim();
        Required = required;
    }

    /// <summary>Attaches the stored file (video, document or live replay) with its measured length in seconds.</summary>
    public void AttachFile(string key, string sha256, long size, string contentType, double durationSeconds)
    {
        FileKey = key;
        FileSha256 = sha256;
        FileSize = size;
        ContentType = contentType;
        DurationSeconds = durationSeconds;
    }

    public void SetReadingMinutes(int minutes) => DurationSeconds = minutes * 60;

    public void ScheduleLive(DateTime startsAtUtc, int minutes, string joinUrl)
    {
        LiveStartsAtUtc = startsAtUtc;
        LiveJoinUrl = joinUrl.Trim();
        if (string.IsNullOrEmpty(FileKey)) DurationSeconds = minutes * 60;
    }

    public void SetSelfTest(int questionCount, int passPercent, int timeLimitMinutes)
    {
        SelfTestQuestionCount = questionCount;
        SelfTestPassPercent = passPercent;
        DurationSeconds = timeLimitMinutes * 60;
    }

    public void Archive(DateTime nowUtc) => ArchivedAtUtc ??= nowUtc;

    /// <summary>A video, or a live session whose replay video is attached: played through the ledger.</summary>
    public bool IsPlayable => !string.IsNullOrEmpty(FileKey) && Kind is UnitKind.Video or UnitKind.Live && DurationSeconds > 0;

    /// <summary>Learners may join a live session from this long before it starts.</summary>
    public static readonly TimeSpan LiveJoinLead = TimeSpan.FromMinutes(15);

    /// <summary>Whether a file (video, document or replay) is attached.</summary>
    public bool HasFile() => !string.IsNullOrEmpty(FileKey);

    /// <summary>Planned end of a live session (start + planned length; once a replay is attached, + the replay's length).</summary>
    public DateTime? LiveEndsAtUtc() => LiveStartsAtUtc?.AddSeconds(DurationSeconds);

    /// <summary>A live session may be joined from <see cref="LiveJoinLead"/> before its start until its end.</summary>
    public bool LiveJoinOpen(DateTime nowUtc)
        => Kind == UnitKind.Live && LiveStartsAtUtc is { } start && nowUtc >= start - LiveJoinLead && nowUtc <= LiveEndsAtUtc()!.Value;

    /// <summary>Moves the unit to another place (section and order) without touching its content.</summary>
    public void MoveTo(Guid sectionId, int order)
    {
        SectionId = sectionId;
        Order = order;
    }
}

/// <summary>The unit cannot be started before <see cref="RequiresUnitId"/> is done (LRN-02).</summary>
public sealed class UnitPrerequisite
{
    public Guid UnitId { get; private set; }
    public Guid RequiresUnitId { get; private set; }

    private UnitPrerequisite() { }

    public static UnitPrerequisite Create(Guid unitId, Guid requiresUnitId) => new() { UnitId = unitId, RequiresUnitId = requiresUnitId };
}

/// <summary>
/// A learner finished a unit (watched the whole video, read the document, attended the live session or watched its
/// replay, passed the self-test). Appended once per learner and unit; the how and the evidence are kept.
/// </summary>
public sealed class UnitCompletion
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid UnitId { get; private set; }
    public DateTime CompletedAtUtc { get; private set; }
    /// <summary>watched | read | attended | replay-watched | passed.</summary>
    public string How { get; private set; } = "";
    public string Evidence { get; private set; } = "";

    private UnitCompletion() { }

    public static UnitCompletion Create(Guid learnerId, Guid courseId, Guid unitId, string how, string evidence, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, CourseId = courseId, UnitId = unitId, How = how, Evidence = evidence, CompletedAtUtc = nowUtc,
    };
}

/// <summary>A learner joined a live session (attendance is recorded from the server's clock).</summary>
public sealed class LiveAttendance
{
    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid LearnerId { get; private set; }
    public DateTime JoinedAtUtc { get; private set; }
    public string Ip { get; private set; } = "";

    private LiveAttendance() { }

    public static LiveAttendance Create(Guid unitId, Guid learnerId, string ip, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), UnitId = unitId, LearnerId = learnerId, Ip = ip, JoinedAtUtc = nowUtc,
    };
}
