using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Manage;

/// <summary>Sittings of the evaluation institution (EXM-02): list and create.</summary>
[Authorize(Policy = Permissions.Exams.ManageBatches)]
public sealed class SittingsModel(SittingAdmin admin, AppDbContext db, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public sealed record Row(Sitting Sitting, int Candidates, int Started, int Submitted);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public IReadOnlyList<ExamPaper> Papers { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty] public Form Input { get; set; } = new();

    public sealed class Form
    {
        public Guid ProjectId { get; set; }
        public Guid PaperId { get; set; }
        public string Batch { get; set; } = "";
        public string Subject { get; set; } = "理论知识";
        public string Name { get; set; } = "";
        public bool IsMakeup { get; set; }
        public string StartsAt { get; set; } = "";
        public string EndsAt { get; set; } = "";
        public int DurationMinutes { get; set; } = 90;
        public int LateEntryMinutes { get; set; } = 30;
        public int MinSubmitMinutes { get; set; } = 30;
        public string RulesText { get; set; } = SittingAdmin.DefaultRules;
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var starts = ParseCst(Input.StartsAt);
        var ends = ParseCst(Input.EndsAt);
        if (starts is null || ends is null)
        {
            Errors = new Dictionary<string, string> { ["StartsAt"] = "请填写开考与结束时间（北京时间）" };
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await admin.CreateAsync(new SittingInput(Input.ProjectId, Input.PaperId, Input.Batch, Input.Subject, Input.Name, Input.IsMakeup,
            starts.Value, ends.Value, Input.DurationMinutes, Input.LateEntryMinutes, Input.MinSubmitMinutes, Input.RulesText ?? ""), ct);
        if (outcome.Ok) return Redirect($"/workbench/exams/sittings/{outcome.Value}");
        Errors = outcome.Errors;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>datetime-local in China time (UTC+8, no daylight saving) → UTC.</summary>
    public static DateTime? ParseCst(string? value)
        => DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc) : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var sittings = await admin.Visible().AsNoTracking().OrderByDescending(s => s.StartsAtUtc).Take(200).ToListAsync(ct);
        var ids = sittings.Select(s => s.Id).ToList();
        var candidates = await db.Set<SittingCandidate>().Where(c => ids.Contains(c.SittingId) && c.RemovedAtUtc == null)
            .GroupBy(c => c.SittingId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var attempts = await db.Set<ExamAttempt>().Where(a => ids.Contains(a.SittingId))
            .GroupBy(a => a.SittingId).Select(g => new { g.Key, Started = g.Count(a => a.State != AttemptState.Ready), Submitted = g.Count(a => a.State == AttemptState.Submitted) })
            .ToDictionaryAsync(x => x.Key, ct);
        Rows = [.. sittings.Select(s => new Row(s, candidates.GetValueOrDefault(s.Id), attempts.GetValueOrDefault(s.Id)?.Started ?? 0, attempts.GetValueOrDefault(s.Id)?.Submitted ?? 0))];
        Projects = [.. (await enrollment.ListPublishedProjectsAsync(ct)).Where(p => me.TenantIds.Contains(p.EvaluationInstitutionId))];
        var projectIds = Projects.Select(p => p.Id).ToList();
        Papers = await db.Set<ExamPaper>().AsNoTracking().Where(p => projectIds.Contains(p.ProjectId)).OrderByDescending(p => p.CreatedAtUtc).ToListAsync(ct);
    }
}
