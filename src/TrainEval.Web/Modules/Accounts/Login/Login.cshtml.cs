using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrainEval.Web.Platform;

namespace TrainEval.Web.Modules.Accounts.Login;

[EnableRateLimiting(PlatformServices.LoginRateLimit)]
public sealed class LoginModel(LoginHandler handler, Microsoft.Extensions.Options.IOptions<AccountsOptions> options) : PageModel
{
    [BindProperty] public string Identifier { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Identifier) || string.IsNullOrEmpty(Password))
        {
            Error = "请输入账号和密码。";
            return Page();
        }
        switch (await handler.HandleAsync(Identifier, Password, ct))
        {
            case LoginResult.Succeeded:
                return LocalRedirect(SafeReturnUrl());
            case LoginResult.RequiresTwoFactor:
                return RedirectToPage("/Accounts/TwoFactor/LoginWith2fa", new { returnUrl = SafeReturnUrl() });
            case LoginResult.LockedOut:
                Error = $"密码错误次数过多，账号已临时锁定，请 {options.Value.LockoutMinutes} 分钟后再试或联系客服。";
                return Page();
            default:
                Error = "账号或密码不正确。";
                return Page();
        }
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/start";
}
