using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using Grant = TrainEval.Web.Modules.Accounts.RoleSeparation.Grant;

namespace TrainEval.UnitTests.Accounts;

public sealed class RoleSeparationTests
{
    private static readonly Guid T = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid T2 = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid E = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid E2 = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid Promo = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid P1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid P2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid P3 = Guid.Parse("00000000-0000-0000-0000-000000000003");

    private static readonly ProjectInstitutions LinksTAndE = new(P1, T, E);

    [Fact]
    public void BAT_10_teacher_cannot_become_examiner_for_a_project_linking_both_institutions()
    {
        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.Examiner, E, null), [LinksTAndE]);

        Assert.Equal([LinksTAndE], conflicts);
    }

    [Fact]
    public void BAT_10_examiner_cannot_become_teacher_for_a_project_linking_both_institutions()
    {
        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Examiner, E, null)], new Grant(Roles.Teacher, T, null), [LinksTAndE]);

        Assert.Equal([LinksTAndE], conflicts);
    }

    [Theory]
    [InlineData(Roles.TrainingAdmin, Roles.Proctor)]
    [InlineData(Roles.TrainingReviewer, Roles.BatchLead)]
    [InlineData(Roles.Tutor, Roles.SiteLead)]
    [InlineData(Roles.Finance, Roles.EvaluationAdmin)]
    [InlineData(Roles.CustomerService, Roles.Examiner)]
    public void BAT_10_every_training_role_conflicts_with_every_evaluation_role_on_a_linked_project(string trainingRole, string evaluationRole)
    {
        Assert.Single(RoleSeparation.Conflicts([new Grant(trainingRole, T, null)], new Grant(evaluationRole, E, null), [LinksTAndE]));
        Assert.Single(RoleSeparation.Conflicts([new Grant(evaluationRole, E, null)], new Grant(trainingRole, T, null), [LinksTAndE]));
    }

    [Fact]
    public void BAT_10_only_projects_linking_both_institutions_are_reported()
    {
        var other = new ProjectInstitutions(P2, T2, E);
        var third = new ProjectInstitutions(P3, T, E2);

        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.Examiner, E, null), [other, LinksTAndE, third]);

        Assert.Equal([LinksTAndE], conflicts);
    }

    [Fact]
    public void BAT_10_allowed_when_no_project_links_the_institutions()
    {
        var projects = new[] { new ProjectInstitutions(P2, T2, E), new ProjectInstitutions(P3, T, E2) };

        Assert.Empty(RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.Examiner, E, null), projects));
        Assert.Empty(RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.Examiner, E, null), []));
    }

    [Fact]
    public void BAT_10_allowed_when_the_candidate_grant_is_limited_to_another_project()
    {
        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.Examiner, E, P2),
            [LinksTAndE, new ProjectInstitutions(P2, T2, E)]);

        Assert.Empty(conflicts);
    }

    [Fact]
    public void BAT_10_allowed_when_the_existing_grant_is_limited_to_another_project()
    {
        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, P3)], new Grant(Roles.Examiner, E, null),
            [LinksTAndE, new ProjectInstitutions(P3, T, E2)]);

        Assert.Empty(conflicts);
    }

    [Fact]
    public void BAT_10_conflicts_when_both_grants_are_limited_to_the_same_project()
    {
        var conflicts = RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, P1)], new Grant(Roles.Examiner, E, P1), [LinksTAndE]);

        Assert.Equal([LinksTAndE], conflicts);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Regulator)]
    [InlineData(Roles.Learner)]
    public void BAT_10_neutral_candidate_roles_never_conflict(string neutral)
    {
        var existing = new[] { new Grant(Roles.Teacher, T, null), new Grant(Roles.Examiner, E, null) };

        Assert.Empty(RoleSeparation.Conflicts(existing, new Grant(neutral, T, null), [LinksTAndE]));
        Assert.Empty(RoleSeparation.Conflicts(existing, new Grant(neutral, E, null), [LinksTAndE]));
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Regulator)]
    public void BAT_10_existing_neutral_roles_never_conflict(string neutral)
    {
        Assert.Empty(RoleSeparation.Conflicts([new Grant(neutral, T, null)], new Grant(Roles.Examiner, E, null), [LinksTAndE]));
        Assert.Empty(RoleSeparation.Conflicts([new Grant(neutral, E, null)], new Grant(Roles.Teacher, T, null), [LinksTAndE]));
    }

    [Fact]
    public void BAT_10_same_side_grants_never_conflict()
    {
        Assert.Empty(RoleSeparation.Conflicts([new Grant(Roles.Teacher, T, null)], new Grant(Roles.TrainingAdmin, T, null), [LinksTAndE]));
        Assert.Empty(RoleSeparation.Conflicts([new Grant(Roles.Teacher, T2, null)], new Grant(Roles.Tutor, T, null), [LinksTAndE]));
        Assert.Empty(RoleSeparation.Conflicts([new Grant(Roles.Proctor, E, null)], new Grant(Roles.Examiner, E, null), [LinksTAndE]));
    }

    [Fact]
    public void BAT_10_a_training_grant_among_others_is_still_found()
    {
        var existing = new[] { new Grant(Roles.Regulator, Promo, null), new Grant(Roles.Proctor, E2, null), new Grant(Roles.Teacher, T, null) };

        Assert.Equal([LinksTAndE], RoleSeparation.Conflicts(existing, new Grant(Roles.Examiner, E, null), [LinksTAndE]));
    }

    [Fact]
    public void BAT_10_promotion_agent_is_treated_as_covering_every_project()
    {
        Assert.True(RoleSeparation.Covers(new Grant(Roles.PromotionAgent, Promo, null), LinksTAndE));
        Assert.Equal([LinksTAndE],
            RoleSeparation.Conflicts([new Grant(Roles.PromotionAgent, Promo, null)], new Grant(Roles.Examiner, E, null), [LinksTAndE]));
    }

    [Fact]
    public void BAT_10_grant_covers_project_only_through_its_own_side_institution()
    {
        Assert.True(RoleSeparation.Covers(new Grant(Roles.Teacher, T, null), LinksTAndE));
        Assert.False(RoleSeparation.Covers(new Grant(Roles.Teacher, E, null), LinksTAndE));
        Assert.True(RoleSeparation.Covers(new Grant(Roles.Examiner, E, null), LinksTAndE));
        Assert.False(RoleSeparation.Covers(new Grant(Roles.Examiner, T, null), LinksTAndE));
        Assert.False(RoleSeparation.Covers(new Grant(Roles.Teacher, T, P2), LinksTAndE));
        Assert.False(RoleSeparation.Covers(new Grant(Roles.Operator, T, null), LinksTAndE));
    }
}
