using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.TwoFactor;

/// <summary>
/// ASP.NET Identity keeps the authenticator (TOTP) secret and the recovery codes in the user-token table in plain text;
/// anyone reading the database could then produce valid second-factor codes. This store encrypts every token value
/// with the field key ring (AES-256-GCM, purpose bound to provider and token name, ADR 0005) and decrypts on read.
/// Values written before this store existed (no "v1." prefix) are still read, and re-encrypted the next time they are
/// written; a value in the old format is never produced again.
/// </summary>
public sealed class ProtectedTokenUserStore(AppDbContext context, FieldProtector protector, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole<Guid>, AppDbContext, Guid>(context, describer)
{
    public override Task SetTokenAsync(AppUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
        => base.SetTokenAsync(user, loginProvider, name, value is null ? null : protector.Encrypt(value, Purpose(loginProvider, name)), cancellationToken);

    public override async Task<string?> GetTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is null || !IsProtected(stored) ? stored : protector.Decrypt(stored, Purpose(loginProvider, name));
    }

    public static bool IsProtected(string value) => value.StartsWith("v1.", StringComparison.Ordinal);

    private static string Purpose(string loginProvider, string name) => $"user.token:{loginProvider}:{name}";
}
