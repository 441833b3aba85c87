using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Manage;

/// <summary>One sitting: candidates, attempt preparation, the live attempt list with collect / extra time / re-sit (EXM-02..04).</summary>
[Authorize(Policy = Permissions.Exams.ManageBatches)]
public sealed class SittingModel(SittingAdmin admin, AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment) : PageModel
{
    public Sitting Sitting { get; private set; } = null!;
    public IReadOnlyList<SittingCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<ExamAttempt> Attempts { get; private set; } = [];
    public ILookup<Guid, AttemptEvent> Events { get; private set; } = Array.Empty<AttemptEvent>().ToLookup(e => e.AttemptId);
    public IReadOnlyDictionary<Guid, LearnerIdentity> People { get; private set; } = new Dictionary<Guid, LearnerIdentity>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? Flash { get; set; }
    [BindProperty] public string Names { get; set; } = "";
    [BindProperty] public Guid AttemptId { get; set; }
    [BindProperty] public int Minutes { get; set; }
    [BindProperty] public string Reason { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var problems = new List<string>();
        foreach (var line in Names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(500))
        {
            var found = await accounts.FindLearnerIdsAsync(line, 2, ct);
            if (found.Count == 1) ids.Add(found[0]);
            else problems.Add(found.Count == 0 ? $"未找到“{line}”" : $"“{line}”匹配到多名学员，请使用账号");
        }
        if (ids.Count == 0)
            return await FailAsync(id, new Dictionary<string, string> { ["Names"] = problems.Count > 0 ? string.Join("；", problems) : "请输入考生账号或姓名，每行一个" }, ct);
        return await DoneAsync(id, await admin.AddCandidatesAsync(id, ids, ct), problems, ct);
    }

    public async Task<IActionResult> OnPostAddApprovedAsync(Guid id, CancellationToken ct)
    {
        var sitting = await admin.Visible().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sitting is null) return NotFound();
        var approved = (await enrollment.ListDecidedAsync(null, ct)).Where(e => e.ProjectId == sitting.ProjectId && e.Approved && e.Live).Select(e => e.LearnerId).Distinct().ToList();
        var existing = await db.Set<SittingCandidate>().Where(c => c.SittingId == id).Select(c => c.LearnerId).ToListAsync(ct);
        var ids = approved.Except(existing).ToList();
        if (ids.Count == 0) return await FailAsync(id, new Dictionary<string, string> { [""] = "没有可添加的审核通过学员" }, ct);
        return await DoneAsync(id, await admin.AddCandidatesAsync(id, ids, ct), [], ct);
    }

    public async Task<IActionResult> OnPostPrepareAsync(Guid id, CancellationToken ct)
    {
        if (!await admin.Visible().AnyAsync(s => s.Id == id, ct)) return NotFound();
        var made = await admin.PrepareAsync(id, ct);
        Flash = $"已为 {made} 名考生生成试卷。";
        return Redirect($"/workbench/exams/sittings/{id}");
    }

    public async Task<IActionResult> OnPostCollectAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await admin.CollectAsync(AttemptId, Reason, ct), [], ct, "已收卷。");

    public async Task<IActionResult> OnPostExtraAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await admin.GrantExtraTimeAsync(AttemptId, Minutes, Reason, ct), [], ct, "已补时。");

    public async Task<IActionResult> OnPostResitAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await admin.GrantResitAsync(AttemptId, Reason, ct), [], ct, "已安排重考，已通知考生。");

    private async Task<IActionResult> DoneAsync<T>(Guid id, Outcome<T> outcome, List<string> problems, CancellationToken ct, string? message = null)
    {
        if (!outcome.Ok) return await FailAsync(id, outcome.Errors, ct);
        var notes = problems.Concat(outcome.Code is { } c ? [c] : Array.Empty<string>()).ToList();
        Flash = message ?? $"已添加 {outcome.Value} 名考生" + (notes.Count > 0 ? $"；未添加：{string.Join("；", notes)}" : "。");
        return Redirect($"/workbench/exams/sittings/{id}");
    }

    private async Task<IActionResult> FailAsync(Guid id, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        Errors = errors;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var sitting = await admin.Visible().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sitting is null) return false;
        Sitting = sitting;
        Candidates = await db.Set<SittingCandidate>().AsNoTracking().Where(c => c.SittingId == id).OrderBy(c => c.AddedAtUtc).ToListAsync(ct);
        Attempts = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.SittingId == id).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.AttemptNo).ToListAsync(ct);
        var attemptIds = Attempts.Select(a => a.Id).ToList();
        Events = (await db.Set<AttemptEvent>().AsNoTracking().Where(e => attemptIds.Contains(e.AttemptId)).OrderBy(e => e.AtUtc).ToListAsync(ct)).ToLookup(e => e.AttemptId);
        People = await accounts.GetLearnerIdentitiesAsync(Candidates.Select(c => c.LearnerId).ToList(), reveal: false, "exams.sitting", ct);
        return true;
    }

    public string NameOf(Guid learnerId) => People.TryGetValue(learnerId, out var p) ? $"{p.RealName}（{p.Account}）" : learnerId.ToString();
}
