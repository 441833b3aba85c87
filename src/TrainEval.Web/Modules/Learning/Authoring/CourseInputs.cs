using TrainEval.Web.Modules.Learning.Content;

namespace TrainEval.Web.Modules.Learning.Authoring;

public sealed class CourseInfoInput
{
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
}

/// <summary>The ledger settings and completion rule of <see cref="CourseRules"/> as a form (numbers nullable to report blanks).</summary>
public sealed class CourseRulesInput
{
    public int? DailyCapMinutes { get; set; }
    public int? InteractionIntervalMinutes { get; set; }
    public int? IdentityChecksPerVideo { get; set; }
    public int? RequiredMinutes { get; set; }
    public bool RequireAllUnits { get; set; }
    public int? PracticeMinAnswered { get; set; }
    public int? PracticeMinAccuracyPercent { get; set; }
    public bool RequireSelfTestsPassed { get; set; }

    public static CourseRulesInput From(CourseRules r) => new()
    {
        DailyCapMinutes = r.DailyCapMinutes, InteractionIntervalMinutes = r.InteractionIntervalMinutes, IdentityChecksPerVideo = r.IdentityChecksPerVideo,
        RequiredMinutes = r.RequiredMinutes, RequireAllUnits = r.RequireAllUnits, PracticeMinAnswered = r.PracticeMinAnswered,
        PracticeMinAccuracyPercent = r.PracticeMinAccuracyPercent, RequireSelfTestsPassed = r.RequireSelfTestsPassed,
    };
}

public sealed class SectionInput
{
    public string Title { get; set; } = "";
    public string KnowledgePoints { get; set; } = "";
}

/// <summary>A unit's fields; only those of its kind are read (kind cannot change after creation).</summary>
public sealed class UnitInput
{
    public UnitKind? Kind { get; set; }
    public Guid? SectionId { get; set; }
    public string Title { get; set; } = "";
    public string KnowledgePoint { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>Document: stated reading time.</summary>
    public int? ReadingMinutes { get; set; }
    /// <summary>Live: start in Beijing time ("yyyy-MM-ddTHH:mm").</summary>
    public string LiveStarts { get; set; } = "";
    public int? LiveMinutes { get; set; }
    /// <summary>Live: https join link or HLS (.m3u8) URL.</summary>
    public string LiveUrl { get; set; } = "";
    public int? QuestionCount { get; set; }
    public int? PassPercent { get; set; }
    public int? TimeLimitMinutes { get; set; }

    public static UnitInput From(CourseUnit u) => new()
    {
        Kind = u.Kind, SectionId = u.SectionId, Title = u.Title, KnowledgePoint = u.KnowledgePoint, Required = u.Required,
        ReadingMinutes = u.Kind == UnitKind.Document ? ContentText.Minutes(u.DurationSeconds) : null,
        LiveStarts = ContentText.BeijingInput(u.LiveStartsAtUtc),
        LiveMinutes = u.Kind == UnitKind.Live ? ContentText.Minutes(u.DurationSeconds) : null,
        LiveUrl = u.LiveJoinUrl,
        QuestionCount = u.Kind == UnitKind.SelfTest ? u.SelfTestQuestionCount : null,
        PassPercent = u.Kind == UnitKind.SelfTest ? u.SelfTestPassPercent : null,
        TimeLimitMinutes = u.Kind == UnitKind.SelfTest ? ContentText.Minutes(u.DurationSeconds) : null,
    };
}
