using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>
/// Staff actions on an issued certificate (CRT-01, BAT-09): correction (an edit with a trace before printing; a new,
/// corrected certificate after printing, the old one replaced and recalled), revocation with a reason, and the
/// print / send / hand-over steps; plus the learner's confirmation of receipt. Each is an appended event and audited.
/// </summary>
public sealed class CertificateActions(AppDbContext db, CertificateIssuer issuer, IEnrollmentApi enrollment, INotificationsApi notifications,
    AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<Outcome<Certificate>> CorrectAsync(Guid id, string? field, string? value, string? reason, CancellationToken ct)
    {
        var (c, error) = await LiveForStaffAsync(id, ct);
        if (c is null) return error!;
        var errors = new Dictionary<string, string>();
        var newValue = (value ?? "").Trim();
        var why = (reason ?? "").Trim();
        if (field is null || !CertificateFields.Labels.ContainsKey(field)) errors["Field"] = "请选择要更正的项目。";
        if (newValue.Length == 0) errors["Value"] = "请填写更正后的内容。";
        else if (TextRules.TextError("更正内容", newValue, 100) is { } badValue) errors["Value"] = badValue;
        if (why.Length < 4) errors["Reason"] = "请填写更正原因（情况说明，至少 4 个字）。";
        else if (TextRules.TextError("更正原因", why, MaxReason) is { } badReason) errors["Reason"] = badReason;
        if (errors.Count == 0 && CertificateFields.Get(c, field!) == newValue) errors["Value"] = "更正后的内容与原内容相同。";
        if (errors.Count > 0) return Outcome<Certificate>.Fail(errors, CertificateErrors.Invalid);

        var now = clock.GetUtcNow().UtcDateTime;
        var label = CertificateFields.Labels[field!];
        if (c.PrintedAtUtc is null)
        {
            var old = c.Correct(field!, newValue, now);
            db.Set<CertificateCorrection>().Add(new CertificateCorrection(c.Id, field!, old, newValue, why, null, me.UserId, me.DisplayName, now));
            db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, "corrected", $"{label}：{old} → {newValue}（{why}）", me.UserId, me.DisplayName, now));
            audit.Record("certificate.corrected", "certificate", c.Id.ToString(), new { c.Number, field, old, @new = newValue, reason = why }, c.EvaluationInstitutionId);
            notifications.Stage(c.LearnerId, "证书信息已更正", $"您的证书 {c.Number} 的{label}已更正为“{newValue}”。原因：{why}", "/my/certificates");
            await db.SaveChangesAsync(ct);
            return Outcome<Certificate>.Success(c);
        }

        // After printing: a corrected certificate with a new number; the printed one is replaced and must be returned.
        var project = await enrollment.GetProjectAsync(c.ProjectId, ct);
        if (project is null) return Outcome<Certificate>.Fail("", "项目不存在。", CertificateErrors.NotFound);
        var oldValue = CertificateFields.Get(c, field!);
        var data = CertificateFields.With(c.Data, field!, newValue);
        var saved = await issuer.SaveNewAsync(project, [data], fresh =>
        {
            c.Replace(fresh.Id, $"{label}更正：{why}", now);
            db.Set<CertificateCorrection>().Add(new CertificateCorrection(c.Id, field!, oldValue, newValue, why, fresh.Id, me.UserId, me.DisplayName, now));
            db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, "replaced", $"已打印证书信息有误（{label}：{oldValue} → {newValue}），换发新证 {fresh.Number}，原证收回。原因：{why}",
                me.UserId, me.DisplayName, now));
            db.Set<CertificateEvent>().Add(new CertificateEvent(fresh.Id, "reissued", $"更正换发，替代原证书 {c.Number}（{label}：{oldValue} → {newValue}）",
                me.UserId, me.DisplayName, now));
            audit.Record("certificate.replaced", "certificate", c.Id.ToString(),
                new { c.Number, replacement = fresh.Id, replacementNumber = fresh.Number, field, old = oldValue, @new = newValue, reason = why }, c.EvaluationInstitutionId);
            notifications.Stage(c.LearnerId, "证书已更正换发", $"您的证书 {c.Number} 的{label}有误，已换发新证书 {fresh.Number}。请将原纸质证书交回评价机构。原因：{why}",
                "/my/certificates");
            return Task.CompletedTask;
        }, ct, c.Id);
        if (!saved.Ok) return Outcome<Certificate>.Fail(saved.Errors, saved.Code ?? CertificateErrors.Invalid);
        return Outcome<Certificate>.Success(saved.Value![0]);
    }

    public async Task<Outcome<Certificate>> RevokeAsync(Guid id, string? reason, CancellationToken ct)
    {
        var (c, error) = await LiveForStaffAsync(id, ct);
        if (c is null) return error!;
        var why = (reason ?? "").Trim();
        if (why.Length < 4) return Outcome<Certificate>.Fail("Reason", "请填写撤销原因（将在公开查验页面显示，至少 4 个字）。", CertificateErrors.Invalid);
        if (TextRules.TextError("撤销原因", why, MaxReason) is { } bad) return Outcome<Certificate>.Fail("Reason", bad, CertificateErrors.Invalid);
        Revoke(db, audit, notifications, c, why, null, me.UserId, me.DisplayName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome<Certificate>.Success(c);
    }

    /// <summary>Stages a revocation (staff or the violation job) with its event, audit entry and notification.</summary>
    internal static void Revoke(AppDbContext db, AuditLog audit, INotificationsApi notifications, Certificate c, string reason, Guid? violationId,
        Guid? byId, string byName, DateTime now)
    {
        c.Revoke(reason, violationId, now);
        db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, "revoked", reason, byId, byName, now));
        var detail = new { c.Number, reason, violationId };
        if (byId is null) audit.RecordAs(null, "certificates-job", "", c.EvaluationInstitutionId, "certificate.revoked", "certificate", c.Id.ToString(), detail);
        else audit.Record("certificate.revoked", "certificate", c.Id.ToString(), detail, c.EvaluationInstitutionId);
        notifications.Stage(c.LearnerId, "证书已撤销", $"您的证书 {c.Number}（{c.ProjectName}）已撤销。原因：{reason}。如有异议，可向评价机构申请复核。", "/my/certificates");
    }

    public Task<Outcome<Certificate>> PrintAsync(Guid id, CancellationToken ct) => TrackAsync(id, ct, (c, now) =>
    {
        if (c.PrintedAtUtc is not null) return "该证书已登记打印，不能重复登记。";
        c.MarkPrinted(now);
        return ("printed", "已打印纸质证书", "", "");
    });

    public Task<Outcome<Certificate>> SendAsync(Guid id, string? carrier, string? trackingNo, CancellationToken ct) => TrackAsync(id, ct, (c, now) =>
    {
        var how = (carrier ?? "").Trim();
        var no = (trackingNo ?? "").Trim();
        if (c.PrintedAtUtc is null) return "请先登记打印，再登记邮寄。";
        if (how.Length == 0 || TextRules.TextError("快递公司", how, 60) is not null) return "请填写快递公司（不超过 60 字，不含尖括号）。";
        if (no.Length is < 6 or > 40 || !no.All(char.IsAsciiLetterOrDigit)) return "快递单号应为 6–40 位字母或数字。";
        c.MarkDelivered("sent", now);
        return ("sent", $"{how} {no}", how, no);
    });

    public Task<Outcome<Certificate>> HandOverAsync(Guid id, string? note, CancellationToken ct) => TrackAsync(id, ct, (c, now) =>
    {
        var text = (note ?? "").Trim();
        if (c.PrintedAtUtc is null) return "请先登记打印，再登记发放。";
        if (TextRules.TextError("发放说明", text, 200) is { } bad) return bad;
        c.MarkDelivered("in_person", now);
        return ("handed_over", text.Length > 0 ? text : "当面发放", "", "");
    });

    /// <summary>The learner signs for their own delivered certificate.</summary>
    public async Task<Outcome<Certificate>> ConfirmReceiptAsync(Guid id, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var c = await db.Set<Certificate>().FirstOrDefaultAsync(x => x.Id == id && x.LearnerId == learnerId, ct);
        if (c is null) return Outcome<Certificate>.Fail("", "证书不存在。", CertificateErrors.NotFound);
        if (!c.IsLive) return Outcome<Certificate>.Fail("", "该证书已撤销或已换发，无需签收。", CertificateErrors.NotLive);
        if (c.DeliveredAtUtc is null) return Outcome<Certificate>.Fail("", "纸质证书尚未寄出或发放，暂不能签收。", CertificateErrors.Invalid);
        if (c.ReceivedAtUtc is not null) return Outcome<Certificate>.Fail("", "您已确认签收，无需重复操作。", CertificateErrors.Invalid);
        var now = clock.GetUtcNow().UtcDateTime;
        c.MarkReceived(now);
        db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, "received", "学员在线确认签收", me.UserId, me.DisplayName, now));
        audit.Record("certificate.received", "certificate", c.Id.ToString(), new { c.Number }, c.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Certificate>.Success(c);
    }

    private async Task<Outcome<Certificate>> TrackAsync(Guid id, CancellationToken ct,
        Func<Certificate, DateTime, OneOf> apply)
    {
        var (c, error) = await LiveForStaffAsync(id, ct);
        if (c is null) return error!;
        var now = clock.GetUtcNow().UtcDateTime;
        var step = apply(c, now);
        if (step.Error is { } message) return Outcome<Certificate>.Fail("", message, CertificateErrors.Invalid);
        var (kind, detail, carrier, tracking) = step.Event!.Value;
        db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, kind, detail, me.UserId, me.DisplayName, now, carrier, tracking));
        audit.Record("certificate." + kind, "certificate", c.Id.ToString(), new { c.Number, detail }, c.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Certificate>.Success(c);
    }

    private async Task<(Certificate? C, Outcome<Certificate>? Error)> LiveForStaffAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<Certificate>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !(me.Has(Permissions.Certificates.Issue) && me.TenantIds.Contains(c.EvaluationInstitutionId)))
            return (null, Outcome<Certificate>.Fail("", "证书不存在或不属于您所在的评价机构。", CertificateErrors.OutOfScope));
        if (!c.IsLive) return (null, Outcome<Certificate>.Fail("", c.Status == CertificateStatus.Revoked ? "该证书已撤销，不能再操作。" : "该证书已换发，请在新证书上操作。",
            CertificateErrors.NotLive));
        return (c, null);
    }

    /// <summary>Either an error message or the event to append.</summary>
    public readonly record struct OneOf(string? Error, (string Kind, string Detail, string Carrier, string Tracking)? Event)
    {
        public static implicit operator OneOf(string error) => new(error, null);
        public static implicit operator OneOf((string, string, string, string) e) => new(null, e);
    }
}
