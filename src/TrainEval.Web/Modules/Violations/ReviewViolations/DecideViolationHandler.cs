using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Violations.ReviewViolations;

/// <summary>
/// Confirms or dismisses a recorded violation — never by the person who recorded it (four-eyes). Confirmation applies
/// the tier's consequences in one transaction: results voided through the exams module (this subject for tier 1, the
/// whole batch for tiers 2 and 3), a ban for tiers 2 and 3, the decision, the audit entries and the learner's message
/// with tier, act, consequence and the appeal route. A concurrent second decision fails on the state's concurrency token.
/// </summary>
public sealed class DecideViolationHandler(AppDbContext db, IExamsApi exams, IEnrollmentApi enrollment, IAccountsApi accounts,
    INotificationsApi notifications, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<Violation>> ConfirmAsync(Guid violationId, string? note, CancellationToken ct)
    {
        var (v, error) = await DecidableAsync(violationId, ct);
        if (error is not null) return error;
        (note, var ne) = MultilineText.Check("确认意见", note, 500);
        if (ne is not null) return Outcome<Violation>.Fail("Note", ne);

        var now = clock.GetUtcNow().UtcDateTime;
        var act = v!.Act;
        var reason = $"{ViolationCatalogue.TierName(v.Tier)}违纪：{act.Name}";
        var voided = 0;
        SittingInfo? sitting = null;
        if (v.SittingId is { } sittingId)
        {
            sitting = await exams.GetSittingAsync(sittingId, ct);
            voided = await exams.StageVoidResultsAsync(v.LearnerId, sittingId, wholeBatch: v.Tier >= 2, Clip(reason, 500), v.Id, ct);
        }
        Ban? ban = null;
        if (BanPeriods.For(v.Tier, v.OccurredAtUtc, now) is { } window)
        {
            ban = Ban.Create(v.LearnerId, v.Tier, window.StartsAtUtc, window.EndsAtUtc, Clip(reason, 500), v.Id);
            db.Set<Ban>().Add(ban);
        }
        var consequence = Consequence(v, sitting, voided, ban);
        var appeal = await AppealRouteAsync(v, ct);
        v.Confirm(me.RequiredUserId, me.DisplayName, note, consequence, appeal, voided, ban?.Id, now);

        notifications.Stage(v.LearnerId, "违纪违规处理决定",
            $"经核实，您于 {BanPeriods.ToChina(v.OccurredAtUtc):yyyy-MM-dd HH:mm}{(v.SittingLabel.Length > 0 ? $"在 {v.SittingLabel} " : " ")}存在以下行为：{act.Name}。" +
            $"依据{ViolationCatalogue.Basis(act)}，认定为{ViolationCatalogue.TierName(v.Tier)}违纪，处理如下：{consequence}。{appeal}",
            "/my/violations");
        audit.Record("violation.confirmed", "learner", v.LearnerId.ToString(), new
        {
            violation = v.Id, act = v.ActCode, tier = v.Tier, sitting = v.SittingId, wholeBatch = v.SittingId is not null && v.Tier >= 2,
            voidedAttempts = voided, recordedBy = v.RecordedByName, note,
        }, v.EvaluationInstitutionId);
        if (ban is not null)
            audit.Record("violation.ban_imposed", "learner", v.LearnerId.ToString(), new
            {
                ban = ban.Id, violation = v.Id, tier = ban.Tier, startsAt = ban.StartsAtUtc, endsAt = ban.EndsAtUtc, lastDay = BanPeriods.LastDay(ban.EndsAtUtc),
            }, v.EvaluationInstitutionId);
        return await SaveAsync(v, ct);
    }

    public async Task<Outcome<Violation>> DismissAsync(Guid violationId, string? reason, CancellationToken ct)
    {
        var (v, error) = await DecidableAsync(violationId, ct);
        if (error is not null) return error;
        (reason, var re) = MultilineText.Check("不予认定的理由", reason, 500);
        if (reason.Length < 4) return Outcome<Violation>.Fail("Note", "不予认定须说明理由（不少于 4 个字）。");
        if (re is not null) return Outcome<Violation>.Fail("Note", re);
        v!.Dismiss(me.RequiredUserId, me.DisplayName, reason, clock.GetUtcNow().UtcDateTime);
        audit.Record("violation.dismissed", "learner", v.LearnerId.ToString(), new { violation = v.Id, act = v.ActCode, tier = v.Tier, reason },
            v.EvaluationInstitutionId);
        return await SaveAsync(v, ct);
    }

    private async Task<(Violation?, Outcome<Violation>?)> DecidableAsync(Guid violationId, CancellationToken ct)
    {
        var v = await db.Set<Violation>().FirstOrDefaultAsync(x => x.Id == violationId, ct);
        if (v is null || !me.TenantIds.Contains(v.EvaluationInstitutionId))
            return (null, Outcome<Violation>.Fail("", "未找到该违纪记录，或无权处理。", ViolationErrors.NotFound));
        if (v.State != ViolationState.Recorded)
            return (null, Outcome<Violation>.Fail("", $"该记录已处理（{Violation.StateName(v.State)}），不能重复处理。", ViolationErrors.AlreadyDecided));
        if (!v.CanBeDecidedBy(me.RequiredUserId))
            return (null, Outcome<Violation>.Fail("", "违纪记录须由记录人以外的另一名工作人员确认或不予认定（双人复核）。", ViolationErrors.FourEyes));
        return (v, null);
    }

    private async Task<Outcome<Violation>> SaveAsync(Violation v, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Violation>.Fail("", "该记录刚刚已被其他工作人员处理，请刷新后查看。", ViolationErrors.AlreadyDecided);
        }
        return Outcome<Violation>.Success(v);
    }

    /// <summary>The consequence in words, as recorded and sent to the learner.</summary>
    public static string Consequence(Violation v, SittingInfo? sitting, int voidedAttempts, Ban? ban)
    {
        var parts = new List<string>();
        if (v.SittingId is null) parts.Add("本次认定不涉及考试场次，无考试成绩需要取消");
        else if (v.Tier == 1) parts.Add($"取消当次该科目{(sitting is null ? "" : $"（{sitting.Subject}）")}成绩，作废作答 {voidedAttempts} 份");
        else parts.Add($"取消当次{(sitting is null ? "" : $"（{sitting.Batch}）")}全部科目成绩，作废作答 {voidedAttempts} 份");
        if (v.Tier == 2)
        {
            var year = BanPeriods.ToChina(v.OccurredAtUtc).Year;
            parts.Add(ban is null ? $"当年（{year} 年）不得参加其他鉴定，该年度已结束，不再另行禁考" : $"{year} 年内不得参加其他鉴定（禁考至 {BanPeriods.LastDay(ban.EndsAtUtc)}）");
        }
        if (v.Tier == 3 && ban is not null) parts.Add($"2 年内不得参加鉴定（禁考至 {BanPeriods.LastDay(ban.EndsAtUtc)}）");
        parts.Add("已颁发证书的，宣布成绩无效并对证书作相应处理");
        return Clip(string.Join("；", parts), 500);
    }

    private async Task<string> AppealRouteAsync(Violation v, CancellationToken ct)
    {
        var institution = (await accounts.GetInstitutionAsync(v.EvaluationInstitutionId, ct))?.Name ?? "评价机构";
        var channel = "";
        if (await enrollment.GetEnrollmentAsync(v.LearnerId, v.ProjectId, ct) is { } e && await enrollment.GetTermsAsync(e.Id, ct) is { } terms)
            channel = terms.ComplaintChannel.Trim().TrimEnd('。', '；', ';', '.', ' ');
        return Clip($"如对处理决定有异议，可向{institution}提出复核申请{(channel.Length > 0 ? $"（{channel}）" : "")}，也可向当地人力资源社会保障部门反映。", 500);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
