using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Supervision.Anomalies;

[Authorize]
public sealed class AnomaliesModel(ActivationAnomalies anomalies, CurrentUser me) : PageModel
{
    public IReadOnlyList<Anomaly> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Has(Permissions.Enrollment.ReviewApplications) && !me.Has(Permissions.Supervision.ViewAllInstitutions)) return Forbid();
        Items = await anomalies.FindAsync(ct);
        return Page();
    }
}
