namespace TrainEval.Web.Modules.Enrollment;

public enum ProjectStatus { Draft = 0, Published = 1, Closed = 2 }

/// <summary>
/// A training and evaluation project (ENR-02, PLT-02), classified by occupation and level, run by one training
/// institution and evaluated by a different evaluation institution. The enrollment issue adds versioned rules and fees.
/// </summary>
public sealed class Project
{
    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>职业名称 and 国家职业分类代码 (e.g. 社会体育指导员, 4-13-04-01).</summary>
    public string Occupation { get; private set; } = "";
    public string OccupationCode { get; private set; } = "";
    /// <summary>等级: 1 (一级/高级技师) … 5 (五级/初级工).</summary>
    public int Level { get; private set; }
    public string Audience { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public Guid TrainingInstitutionId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    public ProjectStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    /// <summary>The published rules new enrollments are made under (null until the first publication).</summary>
    public Guid? CurrentVersionId { get; private set; }
    public List<ProjectModule> Modules { get; private set; } = [];

    private Project() { }

    public static Project Create(string code, string name, string occupation, string occupationCode, int level, string audience, string summary,
        Guid trainingInstitutionId, Guid evaluationInstitutionId, DateTime nowUtc)
    {
        if (trainingInstitutionId == evaluationInstitutionId)
            throw new ArgumentException("Training and evaluation must be different institutions (BAT-10).");
        return new()
        {
            Id = Guid.CreateVersion7(), Code = code, Name = name, Occupation = occupation, OccupationCode = occupationCode, Level = level,
            Audience = audience, Summary = summary, TrainingInstitutionId = trainingInstitutionId, EvaluationInstitutionId = evaluationInstitutionId,
            Status = ProjectStatus.Draft, CreatedAtUtc = nowUtc,
        };
    }

    public void AddModule(string title, string knowledgePoints, int minutes)
        => Modules.Add(new ProjectModule(Id, Modules.Count + 1, title, knowledgePoints, minutes));

    /// <summary>Publishes a draft version of the rules; the previous version stays with the learners enrolled under it.</summary>
    public IReadOnlyList<string> PublishVersion(ProjectVersion draft, ProjectVersion? current, Guid? by, DateTime nowUtc)
    {
        if (draft.ProjectId != Id) throw new ArgumentException("Version of another project.", nameof(draft));
        var problems = draft.PublicationProblems();
        if (problems.Count > 0) return problems;
        draft.Publish(by, nowUtc);
        current?.Supersede();
        CurrentVersionId = draft.Id;
        Audience = draft.Audience;
        Status = ProjectStatus.Published;
        PublishedAtUtc ??= nowUtc;
        return [];
    }

    public static string LevelName(int level) => level switch
    {
        1 => "一级/高级技师", 2 => "二级/技师", 3 => "三级/高级工", 4 => "四级/中级工", 5 => "五级/初级工", _ => $"{level} 级",
    };
}

/// <summary>A course module of a project, organised by knowledge and skill points (PLT-02).</summary>
public sealed class ProjectModule
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public int Order { get; private set; }
    public string Title { get; private set; } = "";
    public string KnowledgePoints { get; private set; } = "";
    public int Minutes { get; private set; }

    private ProjectModule() { }

    internal ProjectModule(Guid projectId, int order, string title, string knowledgePoints, int minutes)
    {
        Id = Guid.CreateVersion7(); ProjectId = projectId; Order = order; Title = title; KnowledgePoints = knowledgePoints; Minutes = minutes;
    }
}
