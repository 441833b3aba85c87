using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Institutions;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Accounts.Register;
using TrainEval.Web.Modules.Accounts.Staff;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Modules:Accounts";
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int MinPasswordLength { get; set; } = 8;
}

public static class AccountsModule
{
    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var elsewhere = ctx.HttpContext.Items.ContainsKey(LoginSessionGuard.SignedOutElsewhereItem);
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            if (elsewhere && status == StatusCodes.Status401Unauthorized)
                return ctx.Response.WriteAsJsonAsync(new { code = "signed-in-elsewhere", message = "您的账号已在其他设备或浏览器登录，本页面已退出。" });
        }
        else ctx.Response.Redirect(elsewhere ? ctx.RedirectUri + "&reason=elsewhere" : ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().Bind(builder.Configuration.GetSection(AccountsOptions.Section));
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((o, accounts) =>
        {
            o.Password.RequiredLength = accounts.Value.MinPasswordLength;
            o.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedLogins;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.Value.LockoutMinutes);
        });
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<TwoFactor.ProtectedTokenUserStore>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<LetterAndDigitPasswordValidator>()
            .AddClaimsPrincipalFactory<AccountsClaimsFactory>()
            .AddSignInManager<Login.AppSignInManager>();
        services.AddSingleton<LoginSessionGuard>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "te.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Accounts/Login";
            o.LogoutPath = "/Accounts/Logout";
            o.AccessDeniedPath = "/Accounts/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The JSON API answers 401/403 instead of redirecting to the login page.
            o.Events.OnValidatePrincipal = LoginSessionGuard.ValidateAsync;
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddScoped<RealNameRegistry>();
        services.AddScoped<Login.LoginHandler>();
        services.AddScoped<IAccountsApi, AccountsApi>();
        services.AddScoped<RegisterLearnerHandler>();
        services.AddScoped<CreateStaffHandler>();
        services.AddScoped<GrantRoleHandler>();
        services.AddScoped<CreateInstitutionHandler>();
    }
}

/// <summary>Passwords need at least one letter as well as a digit.</summary>
internal sealed class LetterAndDigitPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
        => Task.FromResult(password is not null && password.Any(char.IsAsciiLetter)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordRequiresLetter", Description = "密码需同时包含字母和数字。" }));
}
