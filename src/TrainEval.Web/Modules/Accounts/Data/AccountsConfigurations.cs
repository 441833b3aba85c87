using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.RealName).HasMaxLength(60).IsRequired();
        b.Property(x => x.IdNumberCipher).HasMaxLength(200).IsRequired();
        b.Property(x => x.IdNumberIndex).HasMaxLength(64).IsRequired();
        b.Property(x => x.IdNumberMasked).HasMaxLength(40);
        b.Property(x => x.PhoneCipher).HasMaxLength(200);
        b.Property(x => x.PhoneIndex).HasMaxLength(64);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.Region).HasMaxLength(100);
        b.Property(x => x.Employer).HasMaxLength(100);
        b.Property(x => x.LoginSessionId).HasMaxLength(40);
        // One person, one account (ENR-01): enforced by the database on the keyed blind index.
        b.HasIndex(x => x.IdNumberIndex).IsUnique();
        b.HasIndex(x => x.PhoneIndex).IsUnique();
    }
}

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> b)
    {
        b.ToTable("accounts_institutions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.CreditCode).HasMaxLength(18).IsRequired();
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.LegalRepresentative).HasMaxLength(60);
        b.Property(x => x.ContactName).HasMaxLength(60);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.Region).HasMaxLength(100);
    }
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> b)
    {
        b.ToTable("accounts_role_grants");
        b.HasKey(x => x.Id);
        b.Property(x => x.Role).HasMaxLength(60).IsRequired();
        b.Property(x => x.RevokeReason).HasMaxLength(200);
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.InstitutionId);
        b.Ignore(x => x.IsActive);
    }
}
