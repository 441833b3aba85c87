using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts.Register;

public sealed class RegisterModel(RegisterLearnerHandler handler, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public RegisterLearnerInput Input { get; set; } = new();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(Input, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await signIn.SignInAsync(outcome.Value!, isPersistent: false);
        TempData["Flash"] = "注册成功，欢迎使用！请选择要报名的培训项目。";
        return Redirect("/my");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var e) ? e : null;
}
