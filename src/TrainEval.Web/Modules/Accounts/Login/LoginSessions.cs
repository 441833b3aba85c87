using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Login;

/// <summary>Starts a new login session on every full sign-in (not on a refresh after a password or 2FA change).</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, LoginSessionGuard guard)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool refreshing;

    public override async Task RefreshSignInAsync(AppUser user)
    {
        refreshing = true;
        try { await base.RefreshSignInAsync(user); }
        finally { refreshing = false; }
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (!refreshing || string.IsNullOrEmpty(user.LoginSessionId))
        {
            user.LoginSessionId = LoginSessionGuard.NewId();
            var updated = await UserManager.UpdateAsync(user);
            if (!updated.Succeeded) throw new InvalidOperationException("Could not start a login session: " + string.Join("; ", updated.Errors.Select(e => e.Code)));
            guard.Remember(user.Id, user.LoginSessionId);
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public override async Task SignOutAsync()
    {
        var id = Context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var sid = Context.User.FindFirstValue(LoginSessionGuard.Claim);
        if (Guid.TryParse(id, out var userId) && await UserManager.FindByIdAsync(userId.ToString()) is { } user
            && string.Equals(user.LoginSessionId, sid, StringComparison.Ordinal))
        {
            user.LoginSessionId = "";
            await UserManager.UpdateAsync(user);
            guard.Remember(user.Id, "");
        }
        await base.SignOutAsync();
    }
}
