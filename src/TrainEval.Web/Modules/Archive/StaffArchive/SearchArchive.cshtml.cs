using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Archive.Pages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Archive.StaffArchive;

/// <summary>Finds learners whose archive the staff member may open (enrolled in a project of their institutions; regulators: all).</summary>
[Authorize(Policy = Permissions.Archive.Read)]
public sealed class SearchArchiveModel(ArchivePages pages, CurrentUser me) : PageModel
{
    public string Q { get; private set; } = "";
    public bool Searched { get; private set; }
    public bool SeesAll => me.Has(Permissions.Supervision.ViewAllInstitutions);
    public IReadOnlyList<LearnerHit> Hits { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = (q ?? "").Trim();
        if (Q.Length == 0) return;
        if (Q.Length > 50) { Errors["Q"] = "查询内容不能超过 50 个字。"; return; }
        Searched = true;
        Hits = await pages.SearchAsync(Q, me.TenantIds, ct);
    }
}
