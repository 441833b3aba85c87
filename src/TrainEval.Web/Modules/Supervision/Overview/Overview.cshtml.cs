using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Supervision.Overview;

[Authorize(Policy = Permissions.Supervision.ViewAllInstitutions)]
public sealed class OverviewModel(RegulatorOverview overview) : PageModel
{
    public OverviewData Data { get; private set; } = null!;
    public async Task OnGetAsync(CancellationToken ct) => Data = await overview.BuildAsync(ct);
}
