using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Enrollment.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("enrollment_projects");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Occupation).HasMaxLength(60);
        b.Property(x => x.OccupationCode).HasMaxLength(20);
        b.Property(x => x.Audience).HasMaxLength(500);
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.HasMany(x => x.Modules).WithOne().HasForeignKey(m => m.ProjectId);
        b.Navigation(x => x.Modules).AutoInclude(false);
    }
}

internal sealed class ProjectModuleConfiguration : IEntityTypeConfiguration<ProjectModule>
{
    public void Configure(EntityTypeBuilder<ProjectModule> b)
    {
        b.ToTable("enrollment_project_modules");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.KnowledgePoints).HasMaxLength(1000);
        b.HasIndex(x => new { x.ProjectId, x.Order }).IsUnique();
    }
}

internal sealed class ProjectVersionConfiguration : IEntityTypeConfiguration<ProjectVersion>
{
    public void Configure(EntityTypeBuilder<ProjectVersion> b)
    {
        b.ToTable("enrollment_project_versions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ProjectId, x.VersionNo }).IsUnique();
        foreach (var p in new[] { nameof(ProjectVersion.Audience), nameof(ProjectVersion.EducationRequirement), nameof(ProjectVersion.ExperienceRequirement),
                     nameof(ProjectVersion.HealthRequirement), nameof(ProjectVersion.OtherConditions), nameof(ProjectVersion.LearningRequirements),
                     nameof(ProjectVersion.CompletionRule), nameof(ProjectVersion.ExamRules), nameof(ProjectVersion.MakeupRules),
                     nameof(ProjectVersion.CertificateRules), nameof(ProjectVersion.CourseForm), nameof(ProjectVersion.RefundRules),
                     nameof(ProjectVersion.ComplaintChannel) })
            b.Property(p).HasMaxLength(2000);
        b.HasMany(x => x.Fees).WithOne().HasForeignKey(f => f.ProjectVersionId);
        b.HasMany(x => x.Materials).WithOne().HasForeignKey(m => m.ProjectVersionId);
        b.Ignore(x => x.MandatoryTotalFen);
    }
}

internal sealed class ProjectFeeConfiguration : IEntityTypeConfiguration<ProjectFee>
{
    public void Configure(EntityTypeBuilder<ProjectFee> b)
    {
        b.ToTable("enrollment_project_fees");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Payee).HasMaxLength(100);
        b.Property(x => x.RefundRule).HasMaxLength(500);
        b.HasIndex(x => new { x.ProjectVersionId, x.Order }).IsUnique();
    }
}

internal sealed class RequiredMaterialConfiguration : IEntityTypeConfiguration<RequiredMaterial>
{
    public void Configure(EntityTypeBuilder<RequiredMaterial> b)
    {
        b.ToTable("enrollment_required_materials");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.Description).HasMaxLength(300);
        b.Property(x => x.AcceptedFormats).HasMaxLength(40);
        b.HasIndex(x => new { x.ProjectVersionId, x.Key }).IsUnique();
        b.Ignore(x => x.Formats);
    }
}

internal sealed class EnrollmentApplicationConfiguration : IEntityTypeConfiguration<EnrollmentApplication>
{
    public void Configure(EntityTypeBuilder<EnrollmentApplication> b)
    {
        b.ToTable("enrollment_applications");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ActiveKey).IsUnique();   // one live enrollment per learner and project (ENR-05); NULLs never collide
        b.HasIndex(x => new { x.LearnerId, x.ProjectId });
        b.HasIndex(x => new { x.TrainingInstitutionId, x.Status });
        b.Property(x => x.ActiveKey).HasMaxLength(80);
        b.Property(x => x.RealName).HasMaxLength(60);
        b.Property(x => x.IdNumberMasked).HasMaxLength(40);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.Gender).HasMaxLength(4);
        b.Property(x => x.Region).HasMaxLength(100);
        b.Property(x => x.Employer).HasMaxLength(100);
        b.Property(x => x.Education).HasMaxLength(40);
        b.Property(x => x.DeclarationIp).HasMaxLength(64);
        b.Property(x => x.DeclarationDevice).HasMaxLength(300);
        b.Property(x => x.ResubmitItems).HasMaxLength(400);
        b.Property(x => x.DecisionNote).HasMaxLength(1000);
        b.Ignore(x => x.IsLive);
        b.Ignore(x => x.IsEditable);
        b.Ignore(x => x.ResubmitKeys);
    }
}

internal sealed class EnrollmentMaterialConfiguration : IEntityTypeConfiguration<EnrollmentMaterial>
{
    public void Configure(EntityTypeBuilder<EnrollmentMaterial> b)
    {
        b.ToTable("enrollment_materials");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.EnrollmentId);
        b.Property(x => x.MaterialKey).HasMaxLength(40);
        b.Property(x => x.FileKey).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.Property(x => x.OriginalName).HasMaxLength(120);
    }
}

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> b)
    {
        b.ToTable("enrollment_review_decisions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.EnrollmentId);
        b.Property(x => x.ReviewerName).HasMaxLength(60);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.ResubmitItems).HasMaxLength(400);
    }
}
