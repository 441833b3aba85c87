using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Archive.Export;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Archive.Pages;

/// <summary>What the archive pages show: the archive, and whether the viewer may export it with ID numbers revealed.</summary>
public sealed record ArchiveView(LearnerArchive Archive, bool MayReveal, bool IsOwn);

public sealed record LearnerHit(LearnerIdentity Learner);

/// <summary>
/// The handler behind /my/archive, /workbench/archive and /workbench/archive/{learnerId}. Staff reads are audited
/// (<c>archive.viewed</c>); a staff member sees a learner only when the scoped archive holds any record of their institutions.
/// </summary>
public sealed class ArchivePages(ArchiveBuilder builder, ArchiveAccess access, ArchiveExporter exporter, IAccountsApi accounts,
    IEnrollmentApi enrollment, AuditLog audit, AppDbContext db)
{
    public const int MaxHits = 50;

    public async Task<ArchiveView> OwnAsync(CancellationToken ct)
        => new(await builder.BuildAsync(access.Own(access.Now()), ct) ?? throw new InvalidOperationException("Not a learner account."), false, true);

    public async Task<ArchiveExport> ExportOwnAsync(CancellationToken ct)
        => await exporter.ExportAsync(await builder.BuildAsync(access.Own(access.Now()), ct) ?? throw new InvalidOperationException("Not a learner account."), ct);

    /// <summary>Null when the learner does not exist or has nothing in the staff member's institutions.</summary>
    public async Task<ArchiveView?> StaffAsync(Guid learnerId, CancellationToken ct)
    {
        var archive = await VisibleAsync(learnerId, reveal: false, ct);
        if (archive is null) return null;
        audit.Record("archive.viewed", "learner", learnerId.ToString(), new { records = archive.RecordCount, scope = Scope(archive) });
        await db.SaveChangesAsync(ct);
        return new(archive, access.MayReveal, false);
    }

    public async Task<ArchiveExport?> ExportStaffAsync(Guid learnerId, bool reveal, CancellationToken ct)
    {
        var archive = await VisibleAsync(learnerId, reveal, ct);
        return archive is null ? null : await exporter.ExportAsync(archive, ct);
    }

    /// <summary>
    /// Learners matching the text (name part, or exactly account / phone / ID number) who have an enrollment in a project
    /// of the staff member's institutions (training or evaluation side); regulators search every learner.
    /// </summary>
    public async Task<IReadOnlyList<LearnerHit>> SearchAsync(string text, IReadOnlyCollection<Guid> tenants, CancellationToken ct)
    {
        var ids = await accounts.FindLearnerIdsAsync(text, access.SeesAllInstitutions ? MaxHits : 1000, ct);
        if (!access.SeesAllInstitutions)
        {
            var projects = await enrollment.ProjectsOfInstitutionsAsync(tenants, ct);
            var projectIds = projects.Select(p => p.ProjectId).ToHashSet();
            var enrolled = (await enrollment.ListDecidedAsync([.. projects.Select(p => p.TrainingInstitutionId).Distinct()], ct))
                .Where(e => projectIds.Contains(e.ProjectId)).Select(e => e.LearnerId).ToHashSet();
            ids = [.. ids.Where(enrolled.Contains).Take(MaxHits)];
        }
        var identities = await accounts.GetLearnerIdentitiesAsync(ids, false, "", ct);
        return [.. ids.Where(identities.ContainsKey).Select(id => new LearnerHit(identities[id]))];
    }

    private async Task<LearnerArchive?> VisibleAsync(Guid learnerId, bool reveal, CancellationToken ct)
    {
        var archive = await builder.BuildAsync(access.Staff(learnerId, reveal, access.Now()), ct);
        return archive is null || (!access.SeesAllInstitutions && !archive.HasAnyRecord) ? null : archive;
    }

    private static string Scope(LearnerArchive a) => a.Request.InstitutionIds is null ? "all" : string.Join(",", a.Request.InstitutionIds.Order());
}
