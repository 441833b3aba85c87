using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Exams.Sittings;

namespace TrainEval.Web.Modules.Exams.Data;

internal sealed class QuestionBankConfiguration : IEntityTypeConfiguration<QuestionBank>
{
    public void Configure(EntityTypeBuilder<QuestionBank> b)
    {
        b.ToTable("exams_question_banks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.ProjectId);
    }
}

internal sealed class ExamQuestionConfiguration : IEntityTypeConfiguration<ExamQuestion>
{
    public void Configure(EntityTypeBuilder<ExamQuestion> b)
    {
        b.ToTable("exams_questions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.BankId, x.KnowledgePoint });
        b.Property(x => x.KnowledgePoint).HasMaxLength(100);
        b.Property(x => x.Stem).HasMaxLength(2000);
        b.Property(x => x.OptionsJson).HasMaxLength(4000);
        b.Property(x => x.AnswerKey).HasMaxLength(50);
        b.Property(x => x.Rubric).HasMaxLength(2000);
        b.Property(x => x.Points).HasPrecision(6, 2);
    }
}

internal sealed class ExamPaperConfiguration : IEntityTypeConfiguration<ExamPaper>
{
    public void Configure(EntityTypeBuilder<ExamPaper> b)
    {
        b.ToTable("exams_papers");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ProjectId);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(50);
        b.Property(x => x.PassScore).HasPrecision(6, 2);
    }
}

internal sealed class SittingConfiguration : IEntityTypeConfiguration<Sitting>
{
    public void Configure(EntityTypeBuilder<Sitting> b)
    {
        b.ToTable("exams_sittings");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ProjectId, x.Batch });
        b.HasIndex(x => x.EndsAtUtc);
        b.Property(x => x.Batch).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.RulesText).HasMaxLength(8000);
        b.Property(x => x.CancelReason).HasMaxLength(500);
    }
}

internal sealed class SittingCandidateConfiguration : IEntityTypeConfiguration<SittingCandidate>
{
    public void Configure(EntityTypeBuilder<SittingCandidate> b)
    {
        b.ToTable("exams_candidates");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.SittingId, x.LearnerId }).IsUnique();
        b.HasIndex(x => x.LearnerId);
        b.Property(x => x.RemovedReason).HasMaxLength(500);
    }
}

internal sealed class ExamAttemptConfiguration : IEntityTypeConfiguration<ExamAttempt>
{
    public void Configure(EntityTypeBuilder<ExamAttempt> b)
    {
        b.ToTable("exams_attempts");
        b.HasKey(x => x.Id);
        // One attempt per (sitting, learner, attempt no.) — a double-clicked start can never make two (MDL-32727).
        b.HasIndex(x => new { x.SittingId, x.LearnerId, x.AttemptNo }).IsUnique();
        b.HasIndex(x => new { x.LearnerId, x.ProjectId });
        b.HasIndex(x => new { x.State, x.DeadlineUtc });
        b.Property(x => x.LayoutJson).HasMaxLength(65536);
        b.Property(x => x.MaxScore).HasPrecision(6, 2);
        b.Property(x => x.AutoScore).HasPrecision(6, 2);
        b.Property(x => x.Score).HasPrecision(6, 2);
        b.Property(x => x.ResultNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ExamAnswerConfiguration : IEntityTypeConfiguration<ExamAnswer>
{
    public void Configure(EntityTypeBuilder<ExamAnswer> b)
    {
        b.ToTable("exams_answers");
        b.HasKey(x => new { x.AttemptId, x.QuestionId });
        b.Property(x => x.Answer).HasMaxLength(4000);
    }
}

internal sealed class PracticalScoreConfiguration : IEntityTypeConfiguration<PracticalScore>
{
    public void Configure(EntityTypeBuilder<PracticalScore> b)
    {
        b.ToTable("exams_practical_scores");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AttemptId, x.QuestionId });
        b.Property(x => x.Points).HasPrecision(6, 2);
        b.Property(x => x.Note).HasMaxLength(1000);
    }
}

internal sealed class AttemptEventConfiguration : IEntityTypeConfiguration<AttemptEvent>
{
    public void Configure(EntityTypeBuilder<AttemptEvent> b)
    {
        b.ToTable("exams_attempt_events");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AttemptId, x.AtUtc });
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Device).HasMaxLength(200);
    }
}

internal sealed class AttemptReviewConfiguration : IEntityTypeConfiguration<AttemptReview>
{
    public void Configure(EntityTypeBuilder<AttemptReview> b)
    {
        b.ToTable("exams_reviews");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AttemptId, x.AtUtc });
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Basis).HasMaxLength(1000);
        b.Property(x => x.NextStep).HasMaxLength(500);
        b.Property(x => x.OriginalScore).HasPrecision(6, 2);
        b.Property(x => x.CorrectedScore).HasPrecision(6, 2);
    }
}

internal sealed class ResultAppealConfiguration : IEntityTypeConfiguration<ResultAppeal>
{
    public void Configure(EntityTypeBuilder<ResultAppeal> b)
    {
        b.ToTable("exams_appeals");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.AttemptId);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.Reply).HasMaxLength(2000);
    }
}
