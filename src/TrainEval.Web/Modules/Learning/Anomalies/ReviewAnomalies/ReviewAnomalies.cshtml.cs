using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Anomalies.ReviewAnomalies;

public sealed record AnomalyRow(LearningAnomaly Flag, string LearnerName, string IdMasked, string CourseTitle, AnomalyDecision? Decision);

/// <summary>The manual review queue of learning anomaly flags for the institution's staff (LRN-08).</summary>
[Authorize(Policy = Permissions.Learning.ReviewAnomalies)]
public sealed class ReviewAnomaliesModel(ReviewAnomaliesHandler handler, AppDbContext db, IAccountsApi accounts, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty] public Guid AnomalyId { get; set; }
    [BindProperty] public string Decision { get; set; } = "";
    [BindProperty] public string Note { get; set; } = "";
    public IReadOnlyList<AnomalyRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.DecideAsync(AnomalyId, Decision, Note, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = Decision == "confirm" ? $"已确认异常，作废有效学时 {(outcome.Value?.VoidedMs ?? 0) / 60_000.0:F1} 分钟，并已通知学员。" : "已排除异常，复核意见已记录。";
            return Redirect("/workbench/learning/anomalies");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var tenants = me.TenantIds;
        var flags = await db.Set<LearningAnomaly>().AsNoTracking()
            .Where(a => tenants.Contains(a.TrainingInstitutionId) && (All || a.Status == AnomalyStatus.Open))
            .OrderBy(a => a.Status).ThenByDescending(a => a.DetectedAtUtc).Take(200).ToListAsync(ct);
        var ids = flags.Select(f => f.Id).ToList();
        var decisions = await db.Set<AnomalyDecision>().AsNoTracking().Where(d => ids.Contains(d.AnomalyId)).ToDictionaryAsync(d => d.AnomalyId, ct);
        var courseIds = flags.Select(f => f.CourseId).Distinct().ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var rows = new List<AnomalyRow>();
        foreach (var learner in flags.GroupBy(f => f.LearnerId))
        {
            var profile = await accounts.GetProfileAsync(learner.Key, ct);
            rows.AddRange(learner.Select(f => new AnomalyRow(f, profile?.RealName ?? "", profile?.IdNumberMasked ?? "", courses.GetValueOrDefault(f.CourseId, ""),
                decisions.GetValueOrDefault(f.Id))));
        }
        Rows = [.. rows.OrderBy(r => r.Flag.Status).ThenByDescending(r => r.Flag.DetectedAtUtc)];
    }
}
