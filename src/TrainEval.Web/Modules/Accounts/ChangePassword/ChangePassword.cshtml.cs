using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.ChangePassword;

[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, AppDbContext db) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string New { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public bool Required { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Required = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Required = user.MustChangePassword;
        if (New != Confirm) { Error = "两次输入的新密码不一致。"; return Page(); }
        if (New == Current) { Error = "新密码不能与原密码相同。"; return Page(); }
        user.MustChangePassword = false;
        audit.Record("account.password_changed", "user", user.Id.ToString());
        var result = await users.ChangePasswordAsync(user, Current, New);
        if (!result.Succeeded)
        {
            foreach (var e in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added).ToList())
                e.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            user.MustChangePassword = Required;
            Error = string.Join(" ", result.Errors.Select(e => e.Description));
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "密码已修改。";
        return Redirect("/start");
    }
}
