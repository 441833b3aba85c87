using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainEval.Web.Modules.Learning.Data;

internal sealed class CourseActivationConfiguration : IEntityTypeConfiguration<CourseActivation>
{
    public void Configure(EntityTypeBuilder<CourseActivation> b)
    {
        b.ToTable("learning_activations");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.EnrollmentId).IsUnique();   // ACT-03: no duplicate activation of one enrollment
        b.HasIndex(x => new { x.LearnerId, x.ProjectId });
        b.Property(x => x.CloseReason).HasMaxLength(300);
    }
}
