using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.ReviewApplications;

[Authorize(Policy = Permissions.Enrollment.ReviewApplications)]
public sealed class QueueModel(ReviewHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public string? Project { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public bool OverdueOnly { get; set; }
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await handler.QueueAsync(All, ct, Project?.Trim(), Name?.Trim());
        Items = OverdueOnly ? items.Where(i => i.Overdue).ToList() : items;
    }
}
