using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Certificates.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates;

public sealed class CertificatesApi(AppDbContext db) : ICertificatesApi
{
    public async Task<CertificateSummary?> LiveCertificateAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var c = await db.Set<Certificate>().AsNoTracking()
            .FirstOrDefaultAsync(x => x.LearnerId == learnerId && x.ProjectId == projectId && x.Status == CertificateStatus.Issued, ct);
        return c is null ? null : Summary(c);
    }

    public async Task<IReadOnlyList<CertificateSummary>> ListOfLearnerAsync(Guid learnerId, CancellationToken ct)
        => [.. (await db.Set<Certificate>().AsNoTracking().Where(x => x.LearnerId == learnerId).ToListAsync(ct)).OrderBy(x => x.IssuedAtUtc).Select(Summary)];

    public static string StatusKey(CertificateStatus s) => s switch
    {
        CertificateStatus.Issued => "issued",
        CertificateStatus.Revoked => "revoked",
        _ => "replaced",
    };

    public static string StatusName(CertificateStatus s) => s switch
    {
        CertificateStatus.Issued => "有效",
        CertificateStatus.Revoked => "已撤销",
        _ => "已换发",
    };

    internal static CertificateSummary Summary(Certificate c) => new(c.Id, c.Number, c.LearnerId, c.ProjectId, c.EvaluationInstitutionId, c.ProjectName,
        c.LevelName, StatusKey(c.Status), c.IssuedAtUtc, c.PrintedAtUtc, c.ReceivedAtUtc, c.RevokedAtUtc, c.RevokedReason, c.ReplacedById);
}
