using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Login;

public enum LoginResult { Succeeded, RequiresTwoFactor, LockedOut, Failed }

/// <summary>
/// Sign-in by account name, ID number or phone (looked up through the blind index). Failed attempts count toward
/// lockout; every attempt is audited without the identifier in plaintext.
/// </summary>
public sealed class LoginHandler(
    AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, RealNameRegistry registry, AuditLog audit)
{
    public async Task<LoginResult> HandleAsync(string identifier, string password, CancellationToken ct)
    {
        var user = await FindAsync(identifier, ct);
        if (user is null)
        {
            audit.RecordAs(null, "anonymous", "", null, "login.failed", "user", "", new { reason = "unknown_account" });
            await db.SaveChangesAsync(ct);
            return LoginResult.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var (action, outcome) = result switch
        {
            { Succeeded: true } => ("login.succeeded", LoginResult.Succeeded),
            { RequiresTwoFactor: true } => ("login.password_ok_2fa_required", LoginResult.RequiresTwoFactor),
            { IsLockedOut: true } => ("login.locked_out", LoginResult.LockedOut),
            _ => ("login.failed", LoginResult.Failed),
        };
        var role = user.IsLearner ? Roles.Learner
            : await db.Set<RoleGrant>().Where(g => g.UserId == user.Id && g.RevokedAtUtc == null).Select(g => g.Role).FirstOrDefaultAsync(ct) ?? "";
        audit.RecordAs(user.Id, user.RealName, role, null, action, "user", user.Id.ToString(),
            new { failedCount = user.AccessFailedCount });
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private async Task<AppUser?> FindAsync(string identifier, CancellationToken ct)
    {
        var s = (identifier ?? "").Trim();
        if (s.Length is 0 or > 64) return null;
        var byName = await users.FindByNameAsync(s);
        if (byName is not null) return byName;
        var phone = PersonalDataRules.NormalizePhone(s);
        if (PersonalDataRules.PhoneError(phone) is null && await registry.FindByPhoneAsync(phone, ct) is { } byPhone) return byPhone;
        return await registry.FindByIdNumberAnyTypeAsync(IdNumberValidator.Normalize(s), ct);
    }
}
