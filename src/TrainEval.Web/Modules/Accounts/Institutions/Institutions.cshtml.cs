using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Institutions;

[Authorize(Policy = Permissions.Accounts.ManageInstitutions)]
public sealed class InstitutionsModel(AppDbContext db, CreateInstitutionHandler handler) : PageModel
{
    [BindProperty] public CreateInstitutionInput Input { get; set; } = new();
    public IReadOnlyList<Institution> All { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => All = await ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(Input, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            All = await ListAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Flash"] = $"已登记机构“{outcome.Value!.Name}”。请在“机构人员”中为其创建管理员。";
        return Redirect($"/workbench/staff?InstitutionId={outcome.Value.Id}");
    }

    private async Task<IReadOnlyList<Institution>> ListAsync(CancellationToken ct)
        => await db.Set<Institution>().AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name).ToListAsync(ct);
}
