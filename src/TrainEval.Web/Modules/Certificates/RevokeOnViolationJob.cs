using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>
/// VIO-01 / seed 001 §4(二)4 "已颁发证书的，宣布成绩无效": reads violations confirmed since a persisted cursor and
/// revokes that learner's live certificates of that project issued before the confirmation. Idempotent: a revoked
/// certificate is no longer live, and the cursor only moves forward (violations at the cursor instant are read again).
/// </summary>
public sealed class RevokeOnViolationJob(AppDbContext db, IViolationsApi violations, INotificationsApi notifications, AuditLog audit, TimeProvider clock)
    : IRecurringJob
{
    public const string CursorName = "violations-confirmed";
    public const int Batch = 200;
    private static readonly DateTime Start = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public string Name => "certificates-revoke-on-violation";
    public TimeSpan Interval => TimeSpan.FromMinutes(2);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cursor = await db.Set<CertificateCursor>().FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        if (cursor is null) db.Set<CertificateCursor>().Add(cursor = new CertificateCursor(CursorName, Start));
        var confirmed = await violations.ConfirmedSinceAsync(cursor.PositionUtc, Batch, ct);
        var revoked = 0;
        foreach (var v in confirmed)
        {
            var live = await db.Set<Certificate>()
                .Where(c => c.LearnerId == v.LearnerId && c.ProjectId == v.ProjectId && c.Status == CertificateStatus.Issued && c.IssuedAtUtc <= v.ConfirmedAtUtc)
                .ToListAsync(ct);
            foreach (var c in live)
            {
                var reason = $"考试违纪违规（{v.ActName}，{v.ActCode}）经确认，成绩无效，证书撤销";
                CertificateActions.Revoke(db, audit, notifications, c, reason, v.Id, null, "系统（违纪处理联动）", now);
                revoked++;
            }
        }
        if (confirmed.Count > 0) cursor.MoveTo(confirmed.Max(v => v.ConfirmedAtUtc));
        await db.SaveChangesAsync(ct);
        return revoked;
    }

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);
}
