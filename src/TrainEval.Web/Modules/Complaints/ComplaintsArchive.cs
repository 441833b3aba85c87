using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Complaints;

/// <summary>
/// The complaints a learner filed signed in (ARC-01): the events the complainant saw (internal notes stay with the
/// handling institution), one record per complaint with the contact phone masked unless revealed, and the attachments.
/// Public complaints are not linked to an account and are not part of a learner's archive.
/// </summary>
public sealed class ComplaintsArchive(AppDbContext db, IFileStore files, FieldProtector protector) : IArchiveContributor
{
    public string Key => "complaints";
    public string Title => "投诉与申诉";
    public int Order => 95;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.ComplainantUserId == request.LearnerId && c.FiledAtUtc <= request.AtUtc);
        if (request.InstitutionIds is { } only) q = q.Where(c => c.InstitutionId != null && only.Contains(c.InstitutionId.Value));
        var complaints = await q.OrderBy(c => c.FiledAtUtc).ToListAsync(ct);
        if (complaints.Count == 0) return ArchiveSection.Empty;
        var ids = complaints.Select(c => c.Id).ToList();
        var events = await db.Set<ComplaintEvent>().AsNoTracking().Where(e => ids.Contains(e.ComplaintId) && e.VisibleToComplainant && e.AtUtc <= request.AtUtc)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        var attachments = await db.Set<ComplaintAttachment>().AsNoTracking().Where(a => ids.Contains(a.ComplaintId)).OrderBy(a => a.UploadedAtUtc).ToListAsync(ct);
        var byId = complaints.ToDictionary(c => c.Id);

        var timeline = events.Select(e => new ArchiveEvent(e.AtUtc, $"投诉 {byId[e.ComplaintId].Number}：{ComplaintEventKinds.Name(e.Kind)}", e.Text, e.ActorName,
            $"/workbench/complaints/{e.ComplaintId}")).ToList();
        var records = complaints.Select(c => new ArchiveRecord("complaint", c.Id.ToString(), new Dictionary<string, object?>
        {
            ["number"] = c.Number, ["category"] = ComplaintNames.Category(c.Category), ["institution"] = c.InstitutionName, ["project"] = c.ProjectName,
            ["subject"] = c.Subject, ["text"] = c.Text, ["filedAtUtc"] = c.FiledAtUtc,
            ["phone"] = c.PhoneCipher.Length == 0 ? "" : request.RevealSensitive ? protector.Decrypt(c.PhoneCipher, FileComplaint.FileComplaintHandler.PhonePurpose) : c.PhoneMasked,
            ["email"] = c.EmailCipher.Length == 0 ? "" : request.RevealSensitive ? protector.Decrypt(c.EmailCipher, FileComplaint.FileComplaintHandler.EmailPurpose) : c.EmailMasked,
            ["state"] = ComplaintNames.State(c.State), ["acknowledgeDueUtc"] = c.AcknowledgeDueUtc, ["acknowledgedAtUtc"] = c.AcknowledgedAtUtc,
            ["replyDueUtc"] = c.ReplyDueUtc, ["outcome"] = ComplaintNames.Outcome(c.Outcome), ["reply"] = c.Reply, ["repliedAtUtc"] = c.RepliedAtUtc,
            ["repliedLate"] = c.RepliedLate, ["reopenCount"] = c.ReopenCount, ["reopenReason"] = c.ReopenReason, ["closedAtUtc"] = c.ClosedAtUtc,
            ["rating"] = c.Rating, ["ratingComment"] = c.RatingComment,
            ["events"] = events.Where(e => e.ComplaintId == c.Id).Select(e => (object?)new Dictionary<string, object?>
                { ["atUtc"] = e.AtUtc, ["kind"] = e.Kind, ["actor"] = e.ActorName, ["text"] = e.Text }).ToList(),
            ["attachments"] = attachments.Where(a => a.ComplaintId == c.Id).Select(a => (object?)new Dictionary<string, object?>
                { ["fileName"] = a.FileName, ["contentType"] = a.ContentType, ["size"] = a.Size, ["sha256"] = a.Sha256 }).ToList(),
        })).ToList();
        var files = attachments.Select(a => new ArchiveAttachment($"{byId[a.ComplaintId].Number}/{a.Id.ToString()[..8]}-{a.FileName}", a.ContentType,
            ct2 => ReadAsync(a.FileKey, ct2))).ToList();
        return new ArchiveSection(timeline, records, files);
    }

    private async Task<byte[]> ReadAsync(string key, CancellationToken ct)
    {
        await using var stream = await files.OpenAsync(key, ct) ?? throw new FileNotFoundException($"Stored complaint attachment {key} is missing.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
