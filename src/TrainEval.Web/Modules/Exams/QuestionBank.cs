namespace TrainEval.Web.Modules.Exams;

/// <summary>
/// An exam question bank owned by an evaluation institution and invisible to training staff (BAT-10).
/// The exams issue fills it with questions; the foundation seeds an empty bank per project.
/// </summary>
public sealed class QuestionBank
{
    public Guid Id { get; private set; }
    public Guid OwnerInstitutionId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    private QuestionBank() { }

    public static QuestionBank Create(Guid ownerInstitutionId, Guid projectId, string name, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), OwnerInstitutionId = ownerInstitutionId, ProjectId = projectId, Name = name, CreatedAtUtc = nowUtc };
}
