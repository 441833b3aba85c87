using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Commitments.Templates;

public sealed record TemplateLine(ProjectSummary Project, CommitmentKind Kind, Guid? SittingId, IReadOnlyList<CommitmentTemplate> Versions)
{
    public CommitmentTemplate? Published => Versions.FirstOrDefault(v => v.Status == TemplateStatus.Published);
    public CommitmentTemplate? Draft => Versions.FirstOrDefault(v => v.Status == TemplateStatus.Draft);
}

/// <summary>
/// LC-01 / EC-01 templates: drafts per line (kind, project, optional sitting), edited by the owning side, published after
/// the required-items check; publishing freezes the text with its hash and retires the previous version.
/// </summary>
public sealed class TemplatesHandler(AppDbContext db, CommitmentScope scope, ExamsGateway exams, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<TemplateLine>> LinesAsync(CancellationToken ct)
    {
        var projects = (await scope.ProjectsAsync(ct)).ToDictionary(p => p.Id);
        var ids = projects.Keys.ToList();
        var templates = await db.Set<CommitmentTemplate>().AsNoTracking().Where(t => ids.Contains(t.ProjectId)).ToListAsync(ct);
        var lines = new List<TemplateLine>();
        foreach (var p in projects.Values)
            foreach (var kind in new[] { CommitmentKind.Learning, CommitmentKind.Exam })
            {
                if (!scope.CanManage(kind, p)) continue;
                var sittings = templates.Where(t => t.ProjectId == p.Id && t.Kind == kind).Select(t => t.SittingId).Append(null).Distinct();
                foreach (var s in sittings)
                    lines.Add(new TemplateLine(p, kind, s, [.. templates.Where(t => t.ProjectId == p.Id && t.Kind == kind && t.SittingId == s)
                        .OrderByDescending(t => t.Version)]));
            }
        return lines;
    }

    /// <summary>The template with its project when the user may manage it.</summary>
    public async Task<(CommitmentTemplate Template, ProjectSummary Project)?> FindAsync(Guid id, bool track, CancellationToken ct)
    {
        var q = db.Set<CommitmentTemplate>().AsQueryable();
        var t = await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var p = (await scope.ProjectsAsync(ct)).FirstOrDefault(x => x.Id == t.ProjectId);
        return p is not null && scope.CanManage(t.Kind, p) ? (t, p) : null;
    }

    public async Task<IReadOnlyList<CommitmentTemplate>> VersionsAsync(CommitmentTemplate t, CancellationToken ct)
        => await db.Set<CommitmentTemplate>().AsNoTracking().Where(x => x.Kind == t.Kind && x.ProjectId == t.ProjectId && x.SittingId == t.SittingId)
            .OrderByDescending(x => x.Version).ToListAsync(ct);

    /// <summary>Opens the line's draft (an existing one, or a new version starting from the published text or the default text).</summary>
    public async Task<Outcome<CommitmentTemplate>> NewDraftAsync(CommitmentKind kind, Guid projectId, Guid? sittingId, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind)) return Outcome<CommitmentTemplate>.Fail("", "请选择承诺书类型。");
        var p = (await scope.ProjectsAsync(ct)).FirstOrDefault(x => x.Id == projectId);
        if (p is null || !scope.CanManage(kind, p))
            return Outcome<CommitmentTemplate>.Fail("", kind == CommitmentKind.Learning ? "学习承诺书由项目的培训机构管理。" : "考试承诺书由项目的评价机构管理。");
        if (sittingId is { } sid)
        {
            if (kind != CommitmentKind.Exam) return Outcome<CommitmentTemplate>.Fail("SittingId", "只有考试承诺书可以按场次单独设置。");
            if (exams.Exams is not { } api) return Outcome<CommitmentTemplate>.Fail("SittingId", "考试模块尚未启用，暂不能按场次设置承诺书。");
            var sitting = await api.GetSittingAsync(sid, ct);
            if (sitting is null || sitting.ProjectId != projectId) return Outcome<CommitmentTemplate>.Fail("SittingId", "未找到本项目的该考试场次。");
        }
        var versions = await db.Set<CommitmentTemplate>().Where(x => x.Kind == kind && x.ProjectId == projectId && x.SittingId == sittingId)
            .OrderByDescending(x => x.Version).ToListAsync(ct);
        if (versions.FirstOrDefault(v => v.Status == TemplateStatus.Draft) is { } existing) return Outcome<CommitmentTemplate>.Success(existing);
        var source = versions.FirstOrDefault(v => v.Status == TemplateStatus.Published)
                     ?? (sittingId is null ? null : await db.Set<CommitmentTemplate>().AsNoTracking().FirstOrDefaultAsync(x => x.Kind == kind
                         && x.ProjectId == projectId && x.SittingId == null && x.Status == TemplateStatus.Published, ct));
        var (title, body, coverage) = DefaultTexts.For(kind);
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = CommitmentTemplate.Draft(kind, projectId, sittingId, CommitmentScope.OwnerOf(kind, p), (versions.FirstOrDefault()?.Version ?? 0) + 1,
            source?.Title ?? title, source?.Body ?? body, source?.CoverageJson ?? TemplateRules.CoverageJson(coverage), me.RequiredUserId, now);
        db.Set<CommitmentTemplate>().Add(draft);
        audit.Record("commitments.template.drafted", "commitment_template", draft.Id.ToString(),
            new { kind = kind.ToString(), project = projectId, sitting = sittingId, draft.Version, from = source?.Id }, draft.OwnerInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CommitmentTemplate>.Success(draft);
    }

    /// <summary>Saves the draft; with <paramref name="publish"/> also runs the publish check and publishes (one transaction).</summary>
    public async Task<Outcome<CommitmentTemplate>> SaveAsync(Guid id, string title, string body, IReadOnlyDictionary<string, int> coverage, bool requireResign,
        bool publish, CancellationToken ct)
    {
        var found = await FindAsync(id, track: true, ct);
        if (found is not { Template: var t }) return Outcome<CommitmentTemplate>.Fail("", "未找到该承诺书模板，或您无权管理。");
        if (t.Status != TemplateStatus.Draft) return Outcome<CommitmentTemplate>.Fail("", "已发布的版本不能修改，请新建版本。");
        title = (title ?? "").Trim();
        body = body ?? "";
        var items = TemplateRules.ItemsFor(t.Kind).Select(i => i.Key).ToHashSet();
        var clean = coverage.Where(kv => items.Contains(kv.Key) && kv.Value is > 0 and < 1000).ToDictionary(kv => kv.Key, kv => kv.Value);
        var problems = publish ? TemplateRules.CheckForPublish(t.Kind, title, body, clean) : TemplateRules.CheckInput(title, body);
        if (problems.Count > 0)
            return Outcome<CommitmentTemplate>.Fail(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Message))),
                publish ? "publish_check" : "validation");
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = TemplateRules.Normalize(body);
        t.Edit(title, normalized, TemplateRules.CoverageJson(clean), requireResign && t.Version > 1, now);
        if (!publish)
        {
            audit.Record("commitments.template.saved", "commitment_template", t.Id.ToString(), new { t.Version, chars = normalized.Length }, t.OwnerInstitutionId);
            await db.SaveChangesAsync(ct);
            return Outcome<CommitmentTemplate>.Success(t);
        }
        var sha = TemplateRules.Sha256(normalized);
        var previous = await db.Set<CommitmentTemplate>().Where(x => x.Kind == t.Kind && x.ProjectId == t.ProjectId && x.SittingId == t.SittingId
            && x.Status == TemplateStatus.Published).ToListAsync(ct);
        foreach (var old in previous) old.Retire(t.Id, now);
        t.Publish(sha, me.RequiredUserId, now);
        audit.Record("commitments.template.published", "commitment_template", t.Id.ToString(),
            new { kind = t.Kind.ToString(), project = t.ProjectId, sitting = t.SittingId, t.Version, sha256 = sha, t.RequireResign,
                retired = previous.Select(x => x.Id) }, t.OwnerInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<CommitmentTemplate>.Success(t);
    }
}
