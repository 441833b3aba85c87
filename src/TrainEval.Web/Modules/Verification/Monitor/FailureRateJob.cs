using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Verification.Monitor;

/// <summary>Failure and retry rate of one hour for one institution (null = learners not tied to an institution).</summary>
public sealed record HourRate(Guid? InstitutionId, DateTime HourStartUtc, int Checks, int Failures, int Retries)
{
    public double Rate => Checks == 0 ? 0 : (double)(Failures + Retries) / Checks;
}

/// <summary>
/// IDV-05: every few minutes, the face checks of the current and previous hour per institution; when (failures +
/// retries) / checks rises above the configured level with enough checks to mean something, an alert is raised once
/// per institution and hour (operators see it on the monitor page and the workbench) — engine or camera trouble shows
/// up here before learners complain.
/// </summary>
public sealed class FailureRateJob(AppDbContext db, AuditLog audit, TimeProvider clock, IOptions<VerificationOptions> options,
    IAccountsApi accounts, INotificationsApi notifications) : IRecurringJob
{
    public string Name => "idv-failure-rate";
    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<HourRate>> RatesAsync(AppDbContext db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = await db.Set<IdentityDecision>().AsNoTracking()
            .Where(d => d.Method == CheckMethod.Face && d.AtUtc >= fromUtc && d.AtUtc < toUtc)
            .Select(d => new { d.InstitutionId, d.AtUtc, d.Outcome }).ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.InstitutionId, Hour: new DateTime(r.AtUtc.Year, r.AtUtc.Month, r.AtUtc.Day, r.AtUtc.Hour, 0, 0, DateTimeKind.Utc)))
            .Select(g => new HourRate(g.Key.InstitutionId, g.Key.Hour, g.Count(), g.Count(r => r.Outcome == CheckOutcome.Fail), g.Count(r => r.Outcome == CheckOutcome.Retry)))
            .OrderByDescending(r => r.HourStartUtc).ThenBy(r => r.InstitutionId)];
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var rates = await RatesAsync(db, hour.AddHours(-1), now.AddSeconds(1), ct);
        var raised = 0;
        foreach (var r in rates.Where(r => r.Checks >= o.AlertMinChecks && r.Rate > o.AlertFailureRate))
        {
            if (await db.Set<FaceAlert>().AnyAsync(a => a.InstitutionId == r.InstitutionId && a.HourStartUtc == r.HourStartUtc, ct)) continue;
            var alert = FaceAlert.Raise(r.InstitutionId, r.HourStartUtc, r.Checks, r.Failures, r.Retries, o.AlertFailureRate, now);
            db.Set<FaceAlert>().Add(alert);
            audit.RecordAs(null, "system", "system", r.InstitutionId, "idv.alert.raised", "face-alert", alert.Id.ToString(),
                new { r.Checks, r.Failures, r.Retries, rate = Math.Round(r.Rate, 3), threshold = o.AlertFailureRate, hour = r.HourStartUtc });
            await TellOperatorsAsync(r, o.AlertFailureRate, ct);
            raised++;
        }
        if (raised > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The alert is pushed as an in-site message (and e-mail where SMTP is on) to the institution's staff who watch the
    /// monitor and to the platform's operators, so engine or camera trouble is seen without someone watching the page.
    /// </summary>
    private async Task TellOperatorsAsync(HourRate r, double threshold, CancellationToken ct)
    {
        var recipients = new HashSet<Guid>(await accounts.PlatformStaffWithPermissionAsync(Permissions.Identity.Monitor, ct));
        if (r.InstitutionId is { } institution)
            recipients.UnionWith(await accounts.StaffWithPermissionAsync(institution, Permissions.Identity.Monitor, ct));
        var beijing = r.HourStartUtc.AddHours(8);
        var body = $"{beijing:yyyy-MM-dd HH}:00–{beijing.AddHours(1):HH}:00（北京时间）共 {r.Checks} 次人脸核验，未通过 {r.Failures} 次、需重试 {r.Retries} 次，"
            + $"比例 {r.Rate:P0}，超过告警阈值 {threshold:P0}。可能是识别引擎或摄像头故障，请在“人脸核验监控”中查看并确认处理。";
        foreach (var user in recipients) notifications.Stage(user, "人脸核验失败率告警", body, "/workbench/identity/monitor");
    }
}
