using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Complaints.Data;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("complaints_complaints");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.Year, x.Serial }).IsUnique();
        b.HasIndex(x => new { x.ComplainantUserId, x.FiledAtUtc });
        b.HasIndex(x => new { x.PhoneIndex, x.FiledAtUtc });
        b.HasIndex(x => new { x.InstitutionId, x.State, x.FiledAtUtc });
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.ComplainantName).HasMaxLength(60);
        b.Property(x => x.PhoneCipher).HasMaxLength(200);
        b.Property(x => x.PhoneIndex).HasMaxLength(64);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.EmailCipher).HasMaxLength(400);
        b.Property(x => x.EmailMasked).HasMaxLength(120);
        b.Property(x => x.AccessCodeHash).HasMaxLength(64);
        b.Property(x => x.InstitutionName).HasMaxLength(200);
        b.Property(x => x.ProjectName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(50);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.AssigneeName).HasMaxLength(100);
        b.Property(x => x.Reply).HasMaxLength(2000);
        b.Property(x => x.ReopenReason).HasMaxLength(500);
        b.Property(x => x.RatingComment).HasMaxLength(500);
        b.Property(x => x.Category).HasConversion<int>();
        b.Property(x => x.Channel).HasConversion<int>();
        b.Property(x => x.Outcome).HasConversion<int?>();
        b.Property(x => x.State).HasConversion<int>().IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.CanRate);
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        b.ToTable("complaints_events");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ComplaintId, x.AtUtc });
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(2000);
    }
}

internal sealed class ComplaintAttachmentConfiguration : IEntityTypeConfiguration<ComplaintAttachment>
{
    public void Configure(EntityTypeBuilder<ComplaintAttachment> b)
    {
        b.ToTable("complaints_attachments");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ComplaintId);
        b.Property(x => x.FileKey).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.Property(x => x.FileName).HasMaxLength(200);
    }
}
