using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Retention.Data;

internal sealed class DisposalRecordConfiguration : IEntityTypeConfiguration<DisposalRecord>
{
    public void Configure(EntityTypeBuilder<DisposalRecord> b)
    {
        b.ToTable("retention_disposals");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.RecordType, x.Status });
        b.HasIndex(x => x.ProposedAtUtc);
        b.Property(x => x.RecordType).HasMaxLength(60);
        b.Property(x => x.RecordTitle).HasMaxLength(100);
        b.Property(x => x.IdsSha256).HasMaxLength(64);
        b.Property(x => x.ProposedByName).HasMaxLength(100);
        b.Property(x => x.ApprovedByName).HasMaxLength(100);
        b.Property(x => x.ConfirmedByName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Ignore(x => x.IdList);
    }
}
