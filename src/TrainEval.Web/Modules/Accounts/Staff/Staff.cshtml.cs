using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Staff;

[Authorize(Policy = Permissions.Accounts.ManageStaff)]
public sealed class StaffModel(AppDbContext db, CreateStaffHandler create, GrantRoleHandler grants, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public sealed record Row(Guid GrantId, Guid UserId, string Name, string UserName, string IdMasked, string PhoneMasked, string Role, Guid? ProjectId,
        DateTime GrantedAtUtc, DateTime? RevokedAtUtc, string RevokeReason);

    [BindProperty(SupportsGet = true)] public Guid? InstitutionId { get; set; }
    [BindProperty] public CreateStaffInput Input { get; set; } = new();
    [BindProperty] public Guid RevokeGrantId { get; set; }
    [BindProperty] public string RevokeReason { get; set; } = "";

    public Institution? Current { get; private set; }
    public IReadOnlyList<Institution> Manageable { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Projects { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public StaffCreated? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var outcome = await create.HandleAsync(Current!.Id, Input, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Created = outcome.Value;
        Input = new CreateStaffInput();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var outcome = await grants.RevokeAsync(RevokeGrantId, RevokeReason, ct);
        if (!outcome.Ok) { Errors = outcome.Errors; return Page(); }
        TempData["Flash"] = "已撤销该岗位。";
        return RedirectToPage(new { InstitutionId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var all = me.Has(Permissions.Accounts.ManageInstitutions);
        var mine = me.TenantIds;
        Manageable = await db.Set<Institution>().AsNoTracking()
            .Where(i => all || mine.Contains(i.Id)).OrderBy(i => i.Kind).ThenBy(i => i.Name).ToListAsync(ct);
        Manageable = Manageable.Where(grants.MayManage).ToList();
        Current = InstitutionId is { } id ? Manageable.FirstOrDefault(i => i.Id == id) : Manageable.FirstOrDefault();
        if (Current is null) return false;
        InstitutionId = Current.Id;
        var currentId = Current.Id;
        Rows = await (from g in db.Set<RoleGrant>().AsNoTracking()
                      join u in db.Set<AppUser>().AsNoTracking() on g.UserId equals u.Id
                      where g.InstitutionId == currentId
                      orderby g.RevokedAtUtc != null, u.RealName
                      select new Row(g.Id, u.Id, u.RealName, u.UserName!, u.IdNumberMasked, u.PhoneMasked, g.Role, g.ProjectId, g.GrantedAtUtc, g.RevokedAtUtc, g.RevokeReason))
            .ToListAsync(ct);
        Projects = (await enrollment.ListProjectsOfInstitutionAsync(currentId, ct)).Select(p => (p.Id, p.Name)).ToList();
        return true;
    }

    public string ProjectName(Guid? id) => id is null ? "本机构全部项目" : Projects.FirstOrDefault(p => p.Id == id).Name ?? "—";
}
