using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.ReviewApplications;

[Authorize(Policy = Permissions.Enrollment.ReviewApplications)]
public sealed class QueueModel(ReviewHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public async Task OnGetAsync(CancellationToken ct) => Items = await handler.QueueAsync(All, ct);
}
