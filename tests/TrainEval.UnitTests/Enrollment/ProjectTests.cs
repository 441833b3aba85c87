using TrainEval.Web.Modules.Enrollment;

namespace TrainEval.UnitTests.Enrollment;

public sealed class ProjectTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static Project Create(Guid training, Guid evaluation)
        => Project.Create("SSI-5", "社会体育指导员（五级）", "社会体育指导员", "4-13-04-01", 5, "体育从业人员", "线上培训与评价",
            training, evaluation, Now);

    [Fact]
    public void BAT_10_project_cannot_be_trained_and_evaluated_by_the_same_institution()
    {
        var same = Guid.Parse("00000000-0000-0000-0000-0000000000a1");

        var error = Assert.Throws<ArgumentException>(() => Create(same, same));
        Assert.Contains("BAT-10", error.Message);
    }

    [Fact]
    public void BAT_10_project_is_created_with_different_training_and_evaluation_institutions()
    {
        var training = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
        var evaluation = Guid.Parse("00000000-0000-0000-0000-0000000000b1");

        var project = Create(training, evaluation);

        Assert.Equal(training, project.TrainingInstitutionId);
        Assert.Equal(evaluation, project.EvaluationInstitutionId);
        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Equal(Now, project.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, project.Id);
    }
}
