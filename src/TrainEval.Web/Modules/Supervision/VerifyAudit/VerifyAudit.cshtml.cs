using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Supervision.VerifyAudit;

/// <summary>
/// Audit trail viewer and chain verifier (SEC-02). Operators and regulators see every entry and may verify the
/// chain; institution administrators see the entries of their own institution.
/// </summary>
[Authorize]
public sealed class VerifyAuditModel(AppDbContext db, AuditVerifier verifier, AuditLog audit, CurrentUser me) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public AuditVerification? Result { get; private set; }
    public bool MayVerify => me.Has(Permissions.Supervision.VerifyAudit);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayVerify && !me.Has(Permissions.Supervision.ViewInstitutionAudit)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!MayVerify) return Forbid();
        Result = await verifier.VerifyAsync(ct);
        audit.Record("audit.verified", "audit_chain", "", new { Result.Intact, Result.EntriesChecked, problem = Result.Problem.ToString(), Result.AtSequence });
        await db.SaveChangesAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.Set<AuditEntry>().AsNoTracking();
        if (!MayVerify)
        {
            var tenants = me.TenantIds.Select(t => (Guid?)t).ToList();
            q = q.Where(e => tenants.Contains(e.TenantId));
        }
        Entries = await q.OrderByDescending(e => e.Sequence).Take(100).ToListAsync(ct);
    }
}
