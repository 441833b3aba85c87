using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts;

/// <summary>Builds the sign-in principal from the account and its active role grants: roles, permissions, tenants.</summary>
internal sealed class AccountsClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.RealName, user.RealName));
        identity.AddClaim(new Claim(LoginSessionGuard.Claim, user.LoginSessionId));
        if (user.MustChangePassword) identity.AddClaim(new Claim(Platform.Web.PasswordChangeGate.Claim, "1"));
        var grants = await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.UserId == user.Id && g.RevokedAtUtc == null)
            .Select(g => new { g.Role, g.InstitutionId }).ToListAsync();
        var roles = grants.Select(g => g.Role).ToList();
        if (user.IsLearner) roles.Insert(0, Roles.Learner);
        foreach (var role in roles.Distinct()) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        foreach (var perm in roles.SelectMany(RolePermissions.For).Distinct()) identity.AddClaim(new Claim(AppClaims.Permission, perm));
        foreach (var tenant in grants.Select(g => g.InstitutionId).Distinct()) identity.AddClaim(new Claim(AppClaims.Tenant, tenant.ToString()));
        foreach (var g in grants) identity.AddClaim(new Claim(AppClaims.Grant, $"{g.Role}@{g.InstitutionId}"));
        return identity;
    }
}
