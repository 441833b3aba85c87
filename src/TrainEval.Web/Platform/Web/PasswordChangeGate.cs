using System.Security.Claims;

namespace TrainEval.Web.Platform.Web;

/// <summary>Accounts created by an administrator carry a one-time password: until it is changed, only the change page is reachable.</summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Claim = "te:must_change_password";
    private static readonly string[] Allowed = ["/Accounts/ChangePassword", "/Accounts/Logout", "/css/", "/js/", "/health", "/Error"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(Claim, "1") && !Allowed.Any(a => context.Request.Path.StartsWithSegments(a.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/Accounts/ChangePassword");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
