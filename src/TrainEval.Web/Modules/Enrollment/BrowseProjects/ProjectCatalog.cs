using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Enrollment.BrowseProjects;

public sealed record ProjectListItem(Guid Id, string Code, string Name, string Occupation, string OccupationCode, string LevelName,
    string TrainingInstitution, string Audience, int Modules, int Minutes);

public sealed record ModuleItem(int Order, string Title, string KnowledgePoints, int Minutes);

public sealed record ProjectDetail(Guid Id, string Code, string Name, string Occupation, string OccupationCode, string LevelName,
    string TrainingInstitution, string EvaluationInstitution, string Audience, string Summary, DateTime? PublishedAtUtc,
    IReadOnlyList<ModuleItem> Modules);

/// <summary>Read-only projections of published projects for the public pages and API (ENR-02 disclosure before enrollment).</summary>
public sealed class ProjectCatalog(AppDbContext db, IAccountsApi accounts)
{
    public async Task<IReadOnlyList<ProjectListItem>> PublishedAsync(CancellationToken ct)
    {
        var rows = await db.Set<Project>().AsNoTracking().Where(p => p.Status == ProjectStatus.Published).OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name, p.Occupation, p.OccupationCode, p.Level, p.TrainingInstitutionId, p.Audience,
                Modules = p.Modules.Count, Minutes = p.Modules.Sum(m => m.Minutes) })
            .ToListAsync(ct);
        var names = (await accounts.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        return rows.Select(p => new ProjectListItem(p.Id, p.Code, p.Name, p.Occupation, p.OccupationCode, Project.LevelName(p.Level),
            names.GetValueOrDefault(p.TrainingInstitutionId, ""), p.Audience, p.Modules, p.Minutes)).ToList();
    }

    public async Task<ProjectDetail?> DetailAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Project>().AsNoTracking().Include(x => x.Modules)
            .FirstOrDefaultAsync(x => x.Code == code && x.Status == ProjectStatus.Published, ct);
        if (p is null) return null;
        var training = await accounts.GetInstitutionAsync(p.TrainingInstitutionId, ct);
        var evaluation = await accounts.GetInstitutionAsync(p.EvaluationInstitutionId, ct);
        return new ProjectDetail(p.Id, p.Code, p.Name, p.Occupation, p.OccupationCode, Project.LevelName(p.Level),
            training?.Name ?? "", evaluation?.Name ?? "", p.Audience, p.Summary, p.PublishedAtUtc,
            p.Modules.OrderBy(m => m.Order).Select(m => new ModuleItem(m.Order, m.Title, m.KnowledgePoints, m.Minutes)).ToList());
    }
}
