using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Violations.ReviewViolations;

public sealed record ViolationRow(Violation Violation, LearnerIdentity? Learner, string ProjectName);

/// <summary>Violation records of the institution's projects with filters (state, tier, project); regulators see every institution.</summary>
[Authorize(Policy = Permissions.Violations.View)]
public sealed class ViolationListModel(ViolationScope scope, IAccountsApi accounts, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string State { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    public IReadOnlyList<ViolationRow> Rows { get; private set; } = [];
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public bool CanRecord => me.Has(Permissions.Violations.Record);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Projects = await scope.ProjectsAsync(forRecording: false, ct);
        var q = scope.Violations();
        if (Enum.TryParse<ViolationState>(State, out var state) && Enum.IsDefined(state)) q = q.Where(v => v.State == state);
        else State = "";
        if (Tier is >= 1 and <= 3) q = q.Where(v => v.Tier == Tier);
        else Tier = null;
        if (ProjectId is { } pid) q = q.Where(v => v.ProjectId == pid);
        var list = await q.OrderBy(v => v.State).ThenByDescending(v => v.RecordedAtUtc).Take(300).ToListAsync(ct);
        Rows = await RowsAsync(list, accounts, enrollment, ct);
    }

    public static async Task<IReadOnlyList<ViolationRow>> RowsAsync(IReadOnlyList<Violation> list, IAccountsApi accounts, IEnrollmentApi enrollment, CancellationToken ct)
    {
        var who = await accounts.GetLearnerIdentitiesAsync([.. list.Select(v => v.LearnerId).Distinct()], reveal: false, "violations.list", ct);
        var names = new Dictionary<Guid, string>();
        foreach (var pid in list.Select(v => v.ProjectId).Distinct())
            names[pid] = (await enrollment.GetProjectAsync(pid, ct))?.Name ?? "";
        return [.. list.Select(v => new ViolationRow(v, who.GetValueOrDefault(v.LearnerId), names[v.ProjectId]))];
    }
}
