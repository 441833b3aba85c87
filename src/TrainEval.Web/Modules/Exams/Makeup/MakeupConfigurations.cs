using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Exams.Makeup;

internal sealed class MakeupRulesConfiguration : IEntityTypeConfiguration<MakeupRules>
{
    public void Configure(EntityTypeBuilder<MakeupRules> b)
    {
        b.ToTable("exams_makeup_rules");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ProjectId, x.VersionNo }).IsUnique();
        b.Property(x => x.Payee).HasMaxLength(100);
        b.Property(x => x.Notes).HasMaxLength(2000);
    }
}

internal sealed class MakeupApplicationConfiguration : IEntityTypeConfiguration<MakeupApplication>
{
    public void Configure(EntityTypeBuilder<MakeupApplication> b)
    {
        b.ToTable("exams_makeup_applications");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.ProjectId, x.Subject });
        b.HasIndex(x => new { x.EvaluationInstitutionId, x.Status });
        // One pending or approved application per attempt (refused ones set it to null; NULLs never collide on either provider).
        b.HasIndex(x => x.OpenSourceAttemptId).IsUnique();
        b.Property(x => x.Subject).HasMaxLength(50);
        b.Property(x => x.Statement).HasMaxLength(500);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.Property(x => x.PaymentReference).HasMaxLength(64);
        b.Property(x => x.FeeOrderNo).HasMaxLength(32);
    }
}
