using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("platform_audit_entries");
        b.HasKey(x => x.Id);
        // Sealed entries have unique sequence numbers; waiting ones (0) are found in insertion order by the sealer.
        b.HasIndex(x => x.Sequence).IsUnique().HasFilter("\"Sequence\" > 0");
        b.HasIndex(x => x.Id).HasFilter("\"Sequence\" = 0").HasDatabaseName("IX_platform_audit_entries_waiting");
        b.HasIndex(x => new { x.SubjectType, x.SubjectId });
        b.HasIndex(x => x.ActorUserId);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.ActorRole).HasMaxLength(100);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.SubjectType).HasMaxLength(100);
        b.Property(x => x.SubjectId).HasMaxLength(100);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.Mac).HasMaxLength(64);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.ToTable("platform_audit_checkpoints");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Sequence).IsUnique();
        b.Property(x => x.Hash).HasMaxLength(64);
    }
}
