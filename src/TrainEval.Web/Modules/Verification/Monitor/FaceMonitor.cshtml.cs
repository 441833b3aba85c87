using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification.Monitor;

/// <summary>IDV-05: hourly failure and retry rates per institution over the last 24 hours, the alerts, their acknowledgement.</summary>
[Authorize(Policy = Permissions.Identity.Monitor)]
public sealed class FaceMonitorModel(AppDbContext db, IAccountsApi accounts, AuditLog audit, CurrentUser me, TimeProvider clock, FaceService faces,
    IOptions<VerificationOptions> options) : PageModel
{
    public IReadOnlyList<HourRate> Rates { get; private set; } = [];
    public IReadOnlyList<FaceAlert> Alerts { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Institutions { get; private set; } = new Dictionary<Guid, string>();
    public VerificationOptions Options => options.Value;
    public FaceService Engine => faces;
    [BindProperty] public Guid AlertId { get; set; }
    [BindProperty] public string Note { get; set; } = "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct)
    {
        var alert = await Visible(db.Set<FaceAlert>()).FirstOrDefaultAsync(a => a.Id == AlertId, ct);
        var note = (Note ?? "").Trim();
        if (alert is null || alert.AcknowledgedAtUtc is not null) Error = "告警不存在或已处理。";
        else if (note.Length is < 2 or > 500) Error = "请填写处理说明（2–500 字）。";
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }
        alert!.Acknowledge(me.DisplayName, note, clock.GetUtcNow().UtcDateTime);
        audit.Record("idv.alert.acknowledged", "face-alert", alert.Id.ToString(), new { note }, alert.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Redirect("/workbench/identity/monitor");
    }

    private IQueryable<FaceAlert> Visible(IQueryable<FaceAlert> q)
    {
        if (me.Has(Permissions.Supervision.ViewAllInstitutions)) return q;
        var tenants = me.TenantIds;
        return q.Where(a => a.InstitutionId != null && tenants.Contains(a.InstitutionId.Value));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rates = await FailureRateJob.RatesAsync(db, now.AddHours(-24), now.AddSeconds(1), ct);
        var all = me.Has(Permissions.Supervision.ViewAllInstitutions);
        var tenants = me.TenantIds;
        Rates = [.. rates.Where(r => all || r.InstitutionId is { } i && tenants.Contains(i))];
        Alerts = await Visible(db.Set<FaceAlert>().AsNoTracking()).OrderByDescending(a => a.RaisedAtUtc).Take(50).ToListAsync(ct);
        Institutions = (await accounts.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
    }

    public string InstitutionName(Guid? id) => id is { } i ? Institutions.GetValueOrDefault(i, "—") : "（未关联机构）";
}
