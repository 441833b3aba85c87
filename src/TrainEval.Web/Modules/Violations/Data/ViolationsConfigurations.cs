using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Violations.Data;

internal sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> b)
    {
        b.ToTable("violations_records");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Act);
        b.HasIndex(x => new { x.LearnerId, x.ProjectId });
        b.HasIndex(x => new { x.EvaluationInstitutionId, x.State, x.RecordedAtUtc });
        b.HasIndex(x => new { x.State, x.DecidedAtUtc });
        b.HasIndex(x => x.CorrectsId);
        b.Property(x => x.SittingLabel).HasMaxLength(300);
        b.Property(x => x.ActCode).HasMaxLength(8);
        b.Property(x => x.TierRaiseReason).HasMaxLength(500);
        b.Property(x => x.Facts).HasMaxLength(2000);
        b.Property(x => x.RecordedByName).HasMaxLength(100);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.Property(x => x.Consequence).HasMaxLength(500);
        b.Property(x => x.AppealRoute).HasMaxLength(500);
        b.Property(x => x.State).HasConversion<int>().IsConcurrencyToken();
    }
}

internal sealed class ViolationEvidenceConfiguration : IEntityTypeConfiguration<ViolationEvidence>
{
    public void Configure(EntityTypeBuilder<ViolationEvidence> b)
    {
        b.ToTable("violations_evidence");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ViolationId);
        b.Property(x => x.FileKey).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.UploadedByName).HasMaxLength(100);
    }
}
