using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Certificates.Data;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("certificates_certificates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(64);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.VerificationCode).HasMaxLength(32);
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.Property(x => x.LiveKey).HasMaxLength(64);
        b.HasIndex(x => x.LiveKey).IsUnique();   // NULLs (revoked, replaced) do not collide on either provider
        b.HasIndex(x => new { x.LearnerId, x.ProjectId });
        b.HasIndex(x => new { x.EvaluationInstitutionId, x.IssuedAtUtc });
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.Version).IsConcurrencyToken();
        foreach (var p in new[] { nameof(Certificate.HolderName), nameof(Certificate.IdTypeName), nameof(Certificate.Occupation), nameof(Certificate.LevelName),
                     nameof(Certificate.Result), nameof(Certificate.IssuedByName), nameof(Certificate.ProjectCode), nameof(Certificate.Delivery) })
            b.Property(p).HasMaxLength(100);
        b.Property(x => x.IdNumberCipher).HasMaxLength(200);
        b.Property(x => x.IdNumberMasked).HasMaxLength(40);
        b.Property(x => x.ProjectName).HasMaxLength(200);
        b.Property(x => x.InstitutionName).HasMaxLength(200);
        b.Property(x => x.ResultDetail).HasMaxLength(500);
        b.Property(x => x.RevokedReason).HasMaxLength(500);
        b.Property(x => x.ReplacedReason).HasMaxLength(500);
    }
}

internal sealed class CertificateCorrectionConfiguration : IEntityTypeConfiguration<CertificateCorrection>
{
    public void Configure(EntityTypeBuilder<CertificateCorrection> b)
    {
        b.ToTable("certificates_corrections");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.CertificateId);
        b.Property(x => x.Field).HasMaxLength(40);
        b.Property(x => x.OldValue).HasMaxLength(200);
        b.Property(x => x.NewValue).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ByName).HasMaxLength(100);
    }
}

internal sealed class CertificateEventConfiguration : IEntityTypeConfiguration<CertificateEvent>
{
    public void Configure(EntityTypeBuilder<CertificateEvent> b)
    {
        b.ToTable("certificates_events");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.CertificateId);
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.Carrier).HasMaxLength(60);
        b.Property(x => x.TrackingNo).HasMaxLength(60);
        b.Property(x => x.ByName).HasMaxLength(100);
        b.Ignore(x => x.Title);
    }
}

internal sealed class CertificateSerialConfiguration : IEntityTypeConfiguration<CertificateSerial>
{
    public void Configure(EntityTypeBuilder<CertificateSerial> b)
    {
        b.ToTable("certificates_serials");
        b.HasKey(x => new { x.InstitutionId, x.Year });
    }
}

internal sealed class CertificateCursorConfiguration : IEntityTypeConfiguration<CertificateCursor>
{
    public void Configure(EntityTypeBuilder<CertificateCursor> b)
    {
        b.ToTable("certificates_cursors");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(60);
    }
}
