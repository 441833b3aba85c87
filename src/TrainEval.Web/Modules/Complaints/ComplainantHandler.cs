using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints;

/// <summary>What the complainant sees: the complaint, the events meant for them (no internal notes) and their attachments.</summary>
public sealed record ComplaintView(Complaint Complaint, IReadOnlyList<ComplaintEvent> Events, IReadOnlyList<ComplaintAttachment> Attachments);

/// <summary>
/// The complainant's side (SUP-01): progress and reply, one rating (1–5 with a comment) once replied, and one reopen with
/// a reason while the reply stands. Works for a learner's own complaint and for a public complaint opened with its code.
/// </summary>
public sealed class ComplainantHandler(AppDbContext db, IFileStore files, AuditLog audit, TimeProvider clock, IOptions<ComplaintsOptions> options)
{
    public ComplaintsOptions Options => options.Value;

    public async Task<ComplaintView?> ViewAsync(Guid complaintId, CancellationToken ct)
    {
        var c = await db.Set<Complaint>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == complaintId, ct);
        if (c is null) return null;
        var events = await db.Set<ComplaintEvent>().AsNoTracking().Where(e => e.ComplaintId == c.Id && e.VisibleToComplainant)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        var attachments = await db.Set<ComplaintAttachment>().AsNoTracking().Where(a => a.ComplaintId == c.Id).OrderBy(a => a.UploadedAtUtc).ToListAsync(ct);
        return new ComplaintView(c, events, attachments);
    }

    public Task<List<Complaint>> MineAsync(Guid learnerId, CancellationToken ct)
        => db.Set<Complaint>().AsNoTracking().Where(c => c.ComplainantUserId == learnerId).OrderByDescending(c => c.FiledAtUtc).ToListAsync(ct);

    /// <summary>A public complaint by number and code; null for an unknown number and for a wrong code alike (no enumeration).</summary>
    public async Task<Complaint?> FindPublicAsync(string? number, string? code, CancellationToken ct)
    {
        var n = (number ?? "").Trim().ToUpperInvariant();
        if (n.Length is 0 or > 20) return null;
        var c = await db.Set<Complaint>().AsNoTracking().FirstOrDefaultAsync(x => x.Number == n && x.Channel == ComplaintChannel.Public, ct);
        var ok = c is not null && ComplaintText.CodeMatches(code, c.AccessCodeHash);
        audit.Record(ok ? "complaint.tracked" : "complaint.track_failed", "complaint", ok ? c!.Id.ToString() : "public", new { number = n.Length > 20 ? n[..20] : n },
            ok ? c!.InstitutionId : null);
        await db.SaveChangesAsync(ct);
        return ok ? c : null;
    }

    public async Task<(Stream Content, ComplaintAttachment File)?> OpenAttachmentAsync(Guid complaintId, Guid attachmentId, CancellationToken ct)
    {
        var a = await db.Set<ComplaintAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ComplaintId == complaintId, ct);
        if (a is null || await files.OpenAsync(a.FileKey, ct) is not { } stream) return null;
        return (stream, a);
    }

    public async Task<Outcome<Complaint>> RateAsync(Guid complaintId, int? stars, string? comment, CancellationToken ct)
    {
        var c = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == complaintId, ct);
        if (c is null) return Outcome<Complaint>.Fail("", "投诉不存在。", ComplaintErrors.NotFound);
        if (!c.CanRate) return Outcome<Complaint>.Fail("", c.Rating is null ? "收到答复后才能评价。" : "您已评价过本次处理，每件投诉只能评价一次。", ComplaintErrors.WrongState);
        if (stars is not (>= 1 and <= 5)) return Outcome<Complaint>.Fail("Rating", "请选择 1–5 星的满意度。");
        var (text, e) = ComplaintText.Multiline("评价意见", comment, 500);
        if (e is not null) return Outcome<Complaint>.Fail("RatingComment", e);
        var now = clock.GetUtcNow().UtcDateTime;
        c.Rate(stars.Value, text, now);
        db.Set<ComplaintEvent>().Add(ComplaintEvent.Create(c.Id, ComplaintEventKinds.Rated, now, c.ComplainantUserId, "投诉人",
            $"{ComplaintNames.Stars(stars)}（{stars} 分）" + (text.Length > 0 ? $"：{text}" : ""), visible: true));
        audit.Record("complaint.rated", "complaint", c.Id.ToString(), new { c.Number, rating = stars, comment = text }, c.InstitutionId);
        return await SaveAsync(c, ct);
    }

    public async Task<Outcome<Complaint>> ReopenAsync(Guid complaintId, string? reason, CancellationToken ct)
    {
        var c = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == complaintId, ct);
        if (c is null) return Outcome<Complaint>.Fail("", "投诉不存在。", ComplaintErrors.NotFound);
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        if (!c.CanReopen(now, o.ReopenWindowDays))
            return Outcome<Complaint>.Fail("", c.ReopenCount > 0 ? "本投诉已申请过一次重新处理，如仍有异议，可向监管部门反映。"
                : c.State != ComplaintState.Replied ? "只有已答复、尚未办结的投诉可以申请重新处理。"
                : $"已超过答复后 {o.ReopenWindowDays} 日的申请期限。", ComplaintErrors.WrongState);
        var (text, e) = ComplaintText.Multiline("不满意的理由", reason, 500);
        if (text.Length < 5) return Outcome<Complaint>.Fail("ReopenReason", "请说明对答复不满意的理由（5–500 字）。");
        if (e is not null) return Outcome<Complaint>.Fail("ReopenReason", e);
        var due = o.Calendar().DueUtc(now, o.ReplyDays(c.Category));
        c.Reopen(text, now, due);
        db.Set<ComplaintEvent>().Add(ComplaintEvent.Create(c.Id, ComplaintEventKinds.Reopened, now, c.ComplainantUserId, "投诉人",
            $"{text}（重新答复时限：{ComplaintSla.ToChina(due):yyyy-MM-dd HH:mm} 前）", visible: true));
        audit.Record("complaint.reopened", "complaint", c.Id.ToString(), new { c.Number, reason = text, replyDue = due }, c.InstitutionId);
        return await SaveAsync(c, ct);
    }

    private async Task<Outcome<Complaint>> SaveAsync(Complaint c, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<Complaint>.Fail("", "投诉状态已变化，请刷新后重试。", ComplaintErrors.WrongState); }
        return Outcome<Complaint>.Success(c);
    }
}

/// <summary>The complainant's page body: progress, reply, and the rate / reopen forms (posting to the page itself, with a ticket for the public).</summary>
public sealed record ComplainantPanel(ComplaintView View, DateTime NowUtc, int ReopenWindowDays, string? Ticket, string? AttachmentBase,
    IReadOnlyDictionary<string, string> Errors);
