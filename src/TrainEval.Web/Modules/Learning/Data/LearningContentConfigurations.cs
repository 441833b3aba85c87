using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;

namespace TrainEval.Web.Modules.Learning.Data;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.ToTable("learning_courses");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ProjectId).IsUnique();
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.Ignore(x => x.Rules);
        b.Ignore(x => x.LedgerRules);
    }
}

internal sealed class CourseSectionConfiguration : IEntityTypeConfiguration<CourseSection>
{
    public void Configure(EntityTypeBuilder<CourseSection> b)
    {
        b.ToTable("learning_sections");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.CourseId, x.Order });
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.KnowledgePoints).HasMaxLength(1000);
    }
}

internal sealed class CourseUnitConfiguration : IEntityTypeConfiguration<CourseUnit>
{
    public void Configure(EntityTypeBuilder<CourseUnit> b)
    {
        b.ToTable("learning_units");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.CourseId, x.SectionId, x.Order });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Title).HasMaxLength(100).IsRequired();
        b.Property(x => x.KnowledgePoint).HasMaxLength(200);
        b.Property(x => x.FileKey).HasMaxLength(100);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.Property(x => x.LiveJoinUrl).HasMaxLength(500);
        b.Ignore(x => x.IsPlayable);
    }
}

internal sealed class UnitPrerequisiteConfiguration : IEntityTypeConfiguration<UnitPrerequisite>
{
    public void Configure(EntityTypeBuilder<UnitPrerequisite> b)
    {
        b.ToTable("learning_unit_prerequisites");
        b.HasKey(x => new { x.UnitId, x.RequiresUnitId });
    }
}

internal sealed class UnitCompletionConfiguration : IEntityTypeConfiguration<UnitCompletion>
{
    public void Configure(EntityTypeBuilder<UnitCompletion> b)
    {
        b.ToTable("learning_unit_completions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.UnitId }).IsUnique();
        b.HasIndex(x => new { x.CourseId, x.CompletedAtUtc });
        b.Property(x => x.How).HasMaxLength(20);
        b.Property(x => x.Evidence).HasMaxLength(500);
    }
}

internal sealed class LiveAttendanceConfiguration : IEntityTypeConfiguration<LiveAttendance>
{
    public void Configure(EntityTypeBuilder<LiveAttendance> b)
    {
        b.ToTable("learning_live_attendance");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.UnitId, x.LearnerId });
        b.Property(x => x.Ip).HasMaxLength(64);
    }
}

internal sealed class LearnerLedgerConfiguration : IEntityTypeConfiguration<LearnerLedger>
{
    public void Configure(EntityTypeBuilder<LearnerLedger> b)
    {
        b.ToTable("learning_ledger_states");
        b.HasKey(x => x.LearnerId);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class LedgerEntryRowConfiguration : IEntityTypeConfiguration<LedgerEntryRow>
{
    public void Configure(EntityTypeBuilder<LedgerEntryRow> b)
    {
        b.ToTable("learning_ledger_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.HasIndex(x => new { x.LearnerId, x.BeijingDay });
        b.HasIndex(x => x.PlayerSessionId);
        b.HasIndex(x => new { x.CourseId, x.FromUtc });
        // The completion rule's effective time (Σ credited per learner and course) is read at every gate: on PostgreSQL an
        // index-only scan.
        b.HasIndex(x => new { x.LearnerId, x.CourseId }).IncludeProperties(x => new { x.Credited, x.DurationMs });
        b.Property(x => x.Reason).HasMaxLength(24).IsRequired();
        b.Ignore(x => x.CreditedMs);
    }
}

internal sealed class LearningSessionConfiguration : IEntityTypeConfiguration<LearningSession>
{
    public void Configure(EntityTypeBuilder<LearningSession> b)
    {
        b.ToTable("learning_sessions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.StartedAtUtc });
        b.HasIndex(x => new { x.CourseId, x.StartedAtUtc });
        b.Property(x => x.LoginSessionId).HasMaxLength(40);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.Property(x => x.EndReason).HasMaxLength(40);
    }
}

internal sealed class LearningEventConfiguration : IEntityTypeConfiguration<LearningEvent>
{
    public void Configure(EntityTypeBuilder<LearningEvent> b)
    {
        b.ToTable("learning_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.HasIndex(x => new { x.LearnerId, x.AtUtc });
        b.HasIndex(x => new { x.CourseId, x.AtUtc });
        b.Property(x => x.Kind).HasMaxLength(40).IsRequired();
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(1000);
    }
}

internal sealed class IdentityCheckConfiguration : IEntityTypeConfiguration<IdentityCheck>
{
    public void Configure(EntityTypeBuilder<IdentityCheck> b)
    {
        b.ToTable("learning_identity_checks");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.UnitId });
        b.HasIndex(x => x.PlayerSessionId);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Detail).HasMaxLength(500);
    }
}

internal sealed class ActivationExtensionConfiguration : IEntityTypeConfiguration<ActivationExtension>
{
    public void Configure(EntityTypeBuilder<ActivationExtension> b)
    {
        b.ToTable("learning_activation_extensions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ActivationId);
        b.Property(x => x.Reason).HasMaxLength(500).IsRequired();
    }
}

internal sealed class LearningAnomalyConfiguration : IEntityTypeConfiguration<LearningAnomaly>
{
    public void Configure(EntityTypeBuilder<LearningAnomaly> b)
    {
        b.ToTable("learning_anomalies");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.CourseId, x.Rule, x.WindowFromUtc }).IsUnique();
        b.HasIndex(x => new { x.TrainingInstitutionId, x.Status });
        b.Property(x => x.Rule).HasMaxLength(24).IsRequired();
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
    }
}

internal sealed class AnomalyDecisionConfiguration : IEntityTypeConfiguration<AnomalyDecision>
{
    public void Configure(EntityTypeBuilder<AnomalyDecision> b)
    {
        b.ToTable("learning_anomaly_decisions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.AnomalyId);
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.ByName).HasMaxLength(50);
        b.Property(x => x.Note).HasMaxLength(500);
    }
}

internal sealed class PracticeQuestionConfiguration : IEntityTypeConfiguration<PracticeQuestion>
{
    public void Configure(EntityTypeBuilder<PracticeQuestion> b)
    {
        b.ToTable("learning_practice_questions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.CourseId, x.KnowledgePoint });
        b.Property(x => x.KnowledgePoint).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Stem).HasMaxLength(1000).IsRequired();
        b.Property(x => x.OptionsJson).HasMaxLength(4000);
        b.Property(x => x.AnswerKey).HasMaxLength(10).IsRequired();
        b.Property(x => x.Explanation).HasMaxLength(2000);
    }
}

internal sealed class PracticeAttemptConfiguration : IEntityTypeConfiguration<PracticeAttempt>
{
    public void Configure(EntityTypeBuilder<PracticeAttempt> b)
    {
        b.ToTable("learning_practice_attempts");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.CourseId, x.StartedAtUtc });
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Scope).HasMaxLength(200);
        b.Property(x => x.QuestionIdsJson).HasMaxLength(8000);
        b.Ignore(x => x.QuestionIds);
    }
}

internal sealed class PracticeAnswerConfiguration : IEntityTypeConfiguration<PracticeAnswer>
{
    public void Configure(EntityTypeBuilder<PracticeAnswer> b)
    {
        b.ToTable("learning_practice_answers");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AttemptId, x.QuestionId }).IsUnique();
        b.HasIndex(x => new { x.LearnerId, x.QuestionId, x.AnsweredAtUtc });
        b.Property(x => x.KnowledgePoint).HasMaxLength(200);
        b.Property(x => x.Given).HasMaxLength(10);
    }
}
