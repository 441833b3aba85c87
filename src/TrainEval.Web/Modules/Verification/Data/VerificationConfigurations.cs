using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Verification.Data;

internal sealed class FaceConsentConfiguration : IEntityTypeConfiguration<FaceConsent>
{
    public void Configure(EntityTypeBuilder<FaceConsent> b)
    {
        b.ToTable("idv_consents");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.AtUtc });
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TextVersion).HasMaxLength(20);
        b.Property(x => x.TextSha256).HasMaxLength(64);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Device).HasMaxLength(300);
    }
}

internal sealed class FaceReferenceConfiguration : IEntityTypeConfiguration<FaceReference>
{
    public void Configure(EntityTypeBuilder<FaceReference> b)
    {
        b.ToTable("idv_references");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.CreatedAtUtc });
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SourceRef).HasMaxLength(100);
        b.Property(x => x.WrappedKey).HasMaxLength(200);
        b.Property(x => x.PhotoFileKey).HasMaxLength(100);
        b.Property(x => x.ModelVersion).HasMaxLength(60);
        b.Property(x => x.RetiredReason).HasMaxLength(200);
    }
}

internal sealed class CaptureSessionConfiguration : IEntityTypeConfiguration<CaptureSession>
{
    public void Configure(EntityTypeBuilder<CaptureSession> b)
    {
        b.ToTable("idv_captures");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.IssuedAtUtc });
        b.Property(x => x.Context).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ContextRef).HasMaxLength(100);
        b.Property(x => x.Challenge).HasMaxLength(20);
        b.Property(x => x.ReturnUrl).HasMaxLength(300);
    }
}

internal sealed class IdentityDecisionConfiguration : IEntityTypeConfiguration<IdentityDecision>
{
    public void Configure(EntityTypeBuilder<IdentityDecision> b)
    {
        b.ToTable("idv_decisions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.CaptureId).IsUnique();
        b.HasIndex(x => new { x.LearnerId, x.AtUtc });
        b.HasIndex(x => new { x.InstitutionId, x.AtUtc });
        b.HasIndex(x => new { x.Review, x.AtUtc });
        b.Property(x => x.Context).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ContextRef).HasMaxLength(100);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Reason).HasMaxLength(40);
        b.Property(x => x.Challenge).HasMaxLength(20);
        b.Property(x => x.ModelVersion).HasMaxLength(60);
        b.Property(x => x.FramesFileKey).HasMaxLength(100);
        b.Property(x => x.WrappedKey).HasMaxLength(200);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Device).HasMaxLength(300);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.Review).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.ReviewFlag).HasMaxLength(200);
    }
}

internal sealed class IdentityReviewConfiguration : IEntityTypeConfiguration<IdentityReview>
{
    public void Configure(EntityTypeBuilder<IdentityReview> b)
    {
        b.ToTable("idv_reviews");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.DecisionId);
        b.Property(x => x.Verdict).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.ReviewerName).HasMaxLength(100);
    }
}

internal sealed class FaceAlertConfiguration : IEntityTypeConfiguration<FaceAlert>
{
    public void Configure(EntityTypeBuilder<FaceAlert> b)
    {
        b.ToTable("idv_alerts");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.InstitutionId, x.HourStartUtc }).IsUnique();
        b.Property(x => x.AcknowledgedByName).HasMaxLength(100);
        b.Property(x => x.AcknowledgeNote).HasMaxLength(500);
        b.Ignore(x => x.FailureRate);
    }
}
