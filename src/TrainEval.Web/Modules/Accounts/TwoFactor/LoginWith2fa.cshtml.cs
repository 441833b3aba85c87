using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.TwoFactor;

[EnableRateLimiting(PlatformServices.LoginRateLimit)]
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AuditLog audit, AppDbContext db) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
        => await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/Accounts/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect("/Accounts/Login");
        var code = Code.Replace(" ", "").Replace("-", "");
        var result = code.Length > 6
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        audit.RecordAs(user.Id, user.RealName, "", null, result.Succeeded ? "login.succeeded_2fa" : "login.failed_2fa", "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        if (result.Succeeded) return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/start");
        Error = result.IsLockedOut ? "错误次数过多，账号已临时锁定。" : "动态码不正确。";
        return Page();
    }
}
