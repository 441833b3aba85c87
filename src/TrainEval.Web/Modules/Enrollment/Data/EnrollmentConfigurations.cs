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
