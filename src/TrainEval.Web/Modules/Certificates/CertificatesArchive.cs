using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>ARC-01: the certificates part of a learner's archive — events, records (corrections included) and each certificate's PDF.</summary>
public sealed class CertificatesArchive(AppDbContext db, CertificateDocuments documents, FieldProtector protector) : IArchiveContributor
{
    public string Key => "certificates";
    public string Title => "证书";
    public int Order => 90;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var q = db.Set<Certificate>().AsNoTracking().Where(c => c.LearnerId == request.LearnerId);
        if (request.InstitutionIds is { } inst) q = q.Where(c => inst.Contains(c.EvaluationInstitutionId) || inst.Contains(c.TrainingInstitutionId));
        var certificates = (await q.ToListAsync(ct)).OrderBy(c => c.IssuedAtUtc).ToList();
        if (certificates.Count == 0) return ArchiveSection.Empty;
        var ids = certificates.Select(c => c.Id).ToList();
        var events = await db.Set<CertificateEvent>().AsNoTracking().Where(e => ids.Contains(e.CertificateId)).ToListAsync(ct);
        var corrections = await db.Set<CertificateCorrection>().AsNoTracking().Where(e => ids.Contains(e.CertificateId)).ToListAsync(ct);
        var numbers = certificates.ToDictionary(c => c.Id, c => c.Number);

        var timeline = events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new ArchiveEvent(e.AtUtc, $"证书{e.Title}：{numbers[e.CertificateId]}", e.Detail, e.ByName, $"/workbench/certificates/{e.CertificateId}")).ToList();
        var records = new List<ArchiveRecord>();
        foreach (var c in certificates)
        {
            records.Add(new ArchiveRecord("certificate", c.Id.ToString(), new Dictionary<string, object?>
            {
                ["number"] = c.Number, ["status"] = CertificatesApi.StatusKey(c.Status), ["holderName"] = c.HolderName, ["idType"] = c.IdTypeName,
                ["idNumber"] = request.RevealSensitive ? protector.Decrypt(c.IdNumberCipher, Certificate.IdPurpose) : c.IdNumberMasked,
                ["projectId"] = c.ProjectId, ["projectName"] = c.ProjectName, ["occupation"] = c.Occupation, ["level"] = c.Level, ["levelName"] = c.LevelName,
                ["result"] = c.Result, ["resultDetail"] = c.ResultDetail, ["institution"] = c.InstitutionName, ["issuedAtUtc"] = c.IssuedAtUtc,
                ["issuedBy"] = c.IssuedByName, ["printedAtUtc"] = c.PrintedAtUtc, ["delivery"] = c.Delivery, ["deliveredAtUtc"] = c.DeliveredAtUtc,
                ["receivedAtUtc"] = c.ReceivedAtUtc, ["revokedAtUtc"] = c.RevokedAtUtc, ["revokedReason"] = c.RevokedReason,
                ["revokedByViolationId"] = c.RevokedByViolationId, ["replacesId"] = c.ReplacesId, ["replacedById"] = c.ReplacedById,
                ["replacedReason"] = c.ReplacedReason, ["corrections"] = c.Corrections,
            }));
        }
        foreach (var e in events.OrderBy(e => e.Id))
            records.Add(new ArchiveRecord("certificate_event", e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, object?>
            {
                ["certificateId"] = e.CertificateId, ["kind"] = e.Kind, ["detail"] = e.Detail, ["carrier"] = e.Carrier, ["trackingNo"] = e.TrackingNo,
                ["by"] = e.ByName, ["atUtc"] = e.AtUtc,
            }));
        foreach (var x in corrections.OrderBy(x => x.AtUtc))
            records.Add(new ArchiveRecord("certificate_correction", x.Id.ToString(), new Dictionary<string, object?>
            {
                ["certificateId"] = x.CertificateId, ["field"] = x.Field, ["old"] = x.OldValue, ["new"] = x.NewValue, ["reason"] = x.Reason,
                ["replacementId"] = x.ReplacementId, ["by"] = x.ByName, ["atUtc"] = x.AtUtc,
            }));
        var attachments = certificates.Select(c => new ArchiveAttachment(CertificateDocuments.FileName(c), "application/pdf",
            _ => Task.FromResult(documents.Pdf(c)))).ToList();
        return new ArchiveSection(timeline, records, attachments);
    }
}
