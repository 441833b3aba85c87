using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Commitments.Data;

internal sealed class CommitmentTemplateConfiguration : IEntityTypeConfiguration<CommitmentTemplate>
{
    public void Configure(EntityTypeBuilder<CommitmentTemplate> b)
    {
        b.ToTable("commitments_templates");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.Kind, x.ProjectId, x.SittingId, x.Version }).IsUnique();
        b.HasIndex(x => new { x.OwnerInstitutionId, x.Status });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Body).HasMaxLength(20000);
        b.Property(x => x.CoverageJson).HasMaxLength(2000);
        b.Property(x => x.TextSha256).HasMaxLength(64);
    }
}

internal sealed class CommitmentSigningConfiguration : IEntityTypeConfiguration<CommitmentSigning>
{
    public void Configure(EntityTypeBuilder<CommitmentSigning> b)
    {
        b.ToTable("commitments_signings");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.StartedAtUtc });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CheckContext).HasMaxLength(16);
        b.Property(x => x.RenderedText).HasMaxLength(40000);
        b.Property(x => x.RenderedSha256).HasMaxLength(64);
        b.Property(x => x.OpLogJson).HasMaxLength(12000);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Device).HasMaxLength(300);
        b.Property(x => x.ResignReason).HasMaxLength(40);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.Property(x => x.CodeSalt).HasMaxLength(64);
        b.Property(x => x.FailedAttempts).IsConcurrencyToken();
    }
}

internal sealed class CommitmentRecordConfiguration : IEntityTypeConfiguration<CommitmentRecord>
{
    public void Configure(EntityTypeBuilder<CommitmentRecord> b)
    {
        b.ToTable("commitments_records");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.Kind, x.ProjectId, x.SignedAtUtc });
        b.HasIndex(x => new { x.LearnerId, x.SittingId });
        b.HasIndex(x => new { x.ProjectId, x.SignedAtUtc });
        b.HasIndex(x => x.SigningId).IsUnique();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TemplateSha256).HasMaxLength(64);
        b.Property(x => x.RenderedText).HasMaxLength(40000);
        b.Property(x => x.RenderedSha256).HasMaxLength(64);
        b.Property(x => x.Account).HasMaxLength(100);
        b.Property(x => x.Device).HasMaxLength(300);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.OpLogJson).HasMaxLength(12000);
        b.Property(x => x.ResignReason).HasMaxLength(40);
        b.Property(x => x.ResignRequestedReason).HasMaxLength(40);
        b.Property(x => x.ResignRequestedNote).HasMaxLength(500);
    }
}

internal sealed class CommitmentRevocationConfiguration : IEntityTypeConfiguration<CommitmentRevocation>
{
    public void Configure(EntityTypeBuilder<CommitmentRevocation> b)
    {
        b.ToTable("commitments_revocations");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.RecordId).IsUnique();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Basis).HasMaxLength(500);
        b.Property(x => x.NextStep).HasMaxLength(500);
        b.Property(x => x.ByName).HasMaxLength(100);
    }
}
