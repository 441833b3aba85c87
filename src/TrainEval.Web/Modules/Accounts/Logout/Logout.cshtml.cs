using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Logout;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit, AppDbContext db, CurrentUser me) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.IsAuthenticated)
        {
            audit.Record("logout", "user", me.RequiredUserId.ToString());
            await db.SaveChangesAsync(ct);
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
