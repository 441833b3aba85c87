using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Records.MyRecords;

/// <summary>The outcome of a print request: the PDF, or what is still missing (or nothing found).</summary>
public sealed record PrintResult(byte[]? Pdf, string FileName, CompletionResult? Completion, bool Found);

/// <summary>
/// LRN-07: prints the learner's own learning record once the course's completion rule is met. The print is audited
/// (<c>learning.record_printed</c>) with the verification code printed on it, so staff can tell a genuine print.
/// </summary>
public sealed class LearningRecordPrint(AppDbContext db, LearnerRecords records, CompletionEvaluator completion, IAccountsApi accounts,
    IEnrollmentApi enrollment, AuditLog audit)
{
    public async Task<PrintResult> PrintAsync(Guid learnerId, Guid projectId, string recordsUrl, DateTime nowUtc, CancellationToken ct)
    {
        var course = await records.FindAsync(learnerId, projectId, ct);
        if (course is null) return new PrintResult(null, "", null, false);
        var result = await completion.EvaluateAsync(learnerId, course.Course.Id, ct);
        if (result is null || !result.Met) return new PrintResult(null, "", result, true);

        var identity = (await accounts.GetLearnerIdentitiesAsync([learnerId], reveal: false, "", ct)).GetValueOrDefault(learnerId);
        var project = await enrollment.GetProjectAsync(projectId, ct);
        var institution = await accounts.GetInstitutionAsync(course.Course.TrainingInstitutionId, ct);
        var overview = await records.OverviewAsync(learnerId, course.Course, nowUtc, ct);
        var code = VerificationCode(learnerId, course.Course.Id, overview.Summary.EffectiveMs, overview.Sessions.Count, nowUtc);

        var data = new LearningRecordData(identity?.RealName ?? "", identity?.IdTypeName ?? "", identity?.IdNumber ?? "", identity?.Account ?? "",
            project?.Name ?? course.Course.Title, institution?.Name ?? "", course.Course.Title, course.Activation.ActivatedAtUtc,
            course.Activation.LearningValidUntilUtc, overview.Summary, result.Items, overview.Units, overview.Sessions, nowUtc, code, recordsUrl);
        var pdf = LearningRecordPdf.Build(data);
        audit.Record("learning.record_printed", "course", course.Course.Id.ToString(),
            new { learner = learnerId, code, effectiveMs = overview.Summary.EffectiveMs, sessions = overview.Sessions.Count },
            course.Course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return new PrintResult(pdf, $"学习记录-{course.Course.Title}-{RecordFormats.BeijingDate(nowUtc)}.pdf", result, true);
    }

    /// <summary>16 hex digits in four groups from the record's key figures and the print time.</summary>
    public static string VerificationCode(Guid learnerId, Guid courseId, long effectiveMs, int sessions, DateTime nowUtc)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{learnerId:N}|{courseId:N}|{effectiveMs}|{sessions}|{nowUtc.Ticks}"));
        var hex = Convert.ToHexString(hash, 0, 8);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => hex.Substring(i * 4, 4)));
    }
}
