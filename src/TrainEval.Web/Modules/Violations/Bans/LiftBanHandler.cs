using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Violations.Bans;

public sealed record BanRow(Ban Ban, Violation? Violation);

/// <summary>
/// The ban list of the user's institutions and early lifting (VIO-02): only an evaluation-institution admin
/// (<see cref="Permissions.Violations.LiftBans"/>) of the institution that confirmed the violation, with a reason;
/// the ban row keeps its window and gains who lifted it, when and why; the learner is told.
/// </summary>
public sealed class LiftBanHandler(AppDbContext db, ViolationScope scope, INotificationsApi notifications, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<BanRow>> ListAsync(bool includeEnded, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var violations = scope.Violations();
        var rows = await db.Set<Ban>().AsNoTracking()
            .Join(violations, b => b.ViolationId, v => v.Id, (b, v) => new { b, v })
            .Where(x => includeEnded || (x.b.LiftedAtUtc == null && x.b.EndsAtUtc > now))
            .Take(500).ToListAsync(ct);
        return [.. rows.OrderByDescending(x => x.b.StartsAtUtc).Select(x => new BanRow(x.b, x.v))];
    }

    public async Task<Outcome<Ban>> LiftAsync(Guid banId, string? reason, CancellationToken ct)
    {
        (reason, var re) = MultilineText.Check("解除理由", reason, 500);
        var now = clock.GetUtcNow().UtcDateTime;
        var ban = await db.Set<Ban>().FirstOrDefaultAsync(b => b.Id == banId, ct);
        var violation = ban is null ? null : await db.Set<Violation>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == ban.ViolationId, ct);
        if (ban is null || violation is null || !me.Has(Permissions.Violations.LiftBans) || !scope.ActsFor(violation.EvaluationInstitutionId))
            return Outcome<Ban>.Fail("", "未找到该禁考记录，或无权解除。", ViolationErrors.NotFound);
        if (!ban.IsActiveAt(now)) return Outcome<Ban>.Fail("", "该禁考已结束或已解除。", ViolationErrors.AlreadyDecided);
        if (reason.Length < 4) return Outcome<Ban>.Fail("Reason", "提前解除禁考须说明理由（不少于 4 个字，如复核撤销原处理决定）。");
        if (re is not null) return Outcome<Ban>.Fail("Reason", re);
        ban.Lift(me.RequiredUserId, me.DisplayName, reason, now);
        notifications.Stage(ban.LearnerId, "禁考已解除",
            $"您因违纪处理（{ban.Reason}）被禁止参加鉴定至 {BanPeriods.LastDay(ban.EndsAtUtc)}，现已提前解除。理由：{reason}", "/my/violations");
        audit.Record("violation.ban_lifted", "learner", ban.LearnerId.ToString(), new
        {
            ban = ban.Id, violation = ban.ViolationId, tier = ban.Tier, endsAt = ban.EndsAtUtc, reason,
        }, violation.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Ban>.Success(ban);
    }
}
