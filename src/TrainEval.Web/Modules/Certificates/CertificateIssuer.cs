using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Journey.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>A learner of a project and whether a certificate may be issued now (the journey gate) or what is missing.</summary>
public sealed record Eligibility(Guid LearnerId, string Name, string Account, bool Eligible, bool HasLiveCertificate, IReadOnlyList<string> Missing);

/// <summary>
/// CRT-01 / BAT-09: issues certificates — only when the journey gate of the "certificate" step is open (training, exam,
/// post-exam review and result confirmation all done), with data taken from the learner's identity, the project and the
/// counting results. Serial numbers come from a counter row per (institution, year) incremented in the same transaction.
/// </summary>
public sealed class CertificateIssuer(AppDbContext db, IJourneyApi journey, IAccountsApi accounts, IEnrollmentApi enrollment, IExamsApi exams,
    INotificationsApi notifications, FieldProtector protector, AuditLog audit, CurrentUser me, TimeProvider clock, IConfiguration configuration,
    ILogger<CertificateIssuer> log)
{
    public const string JourneyStep = "certificate";

    /// <summary>Learners with a live enrollment in the project, with their gate state (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<Eligibility>> EligibilityAsync(ProjectSummary project, int max, CancellationToken ct)
    {
        var learners = (await enrollment.ListDecidedAsync([project.TrainingInstitutionId], ct))
            .Where(e => e.ProjectId == project.Id && e.Live).Select(e => e.LearnerId).Distinct().Take(max).ToList();
        var identities = await accounts.GetLearnerIdentitiesAsync(learners, false, "certificate eligibility", ct);
        var live = await db.Set<Certificate>().AsNoTracking()
            .Where(c => c.ProjectId == project.Id && c.Status == CertificateStatus.Issued && learners.Contains(c.LearnerId)).Select(c => c.LearnerId).ToListAsync(ct);
        var list = new List<Eligibility>();
        foreach (var id in learners)
        {
            var (open, missing) = await journey.CanOpenAsync(id, project.Id, JourneyStep, ct);
            var who = identities.GetValueOrDefault(id);
            list.Add(new Eligibility(id, who?.RealName ?? "", who?.Account ?? "", open && !live.Contains(id), live.Contains(id), open ? [] : missing));
        }
        return [.. list.OrderByDescending(e => e.Eligible).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>Issues one certificate per learner in one transaction; refuses all when any learner is not eligible (and says what is missing).</summary>
    public async Task<Outcome<IReadOnlyList<Certificate>>> IssueAsync(Guid projectId, IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null) return Outcome<IReadOnlyList<Certificate>>.Fail("", "项目不存在。", CertificateErrors.NotFound);
        if (!me.Has(Permissions.Certificates.Issue) || !me.TenantIds.Contains(project.EvaluationInstitutionId))
            return Outcome<IReadOnlyList<Certificate>>.Fail("", "只有该项目评价机构的证书管理人员可以核发证书。", CertificateErrors.OutOfScope);
        if (learnerIds.Count == 0) return Outcome<IReadOnlyList<Certificate>>.Fail("", "当前没有符合核发条件的学员。", CertificateErrors.NotEligible);

        var institution = await accounts.GetInstitutionAsync(project.EvaluationInstitutionId, ct);
        var problems = new Dictionary<string, string>();
        var data = new List<CertificateData>();
        var identities = await accounts.GetLearnerIdentitiesAsync(learnerIds, true, "certificate issuance", ct);
        foreach (var learnerId in learnerIds.Distinct())
        {
            var who = identities.GetValueOrDefault(learnerId);
            var label = who?.RealName ?? learnerId.ToString();
            var (open, missing) = await journey.CanOpenAsync(learnerId, projectId, JourneyStep, ct);
            if (who is null) problems[learnerId.ToString()] = "学员不存在。";
            else if (!open) problems[learnerId.ToString()] = $"{label} 尚不符合核发条件：{string.Join("；", missing)}";
            else if (await db.Set<Certificate>().AnyAsync(c => c.LearnerId == learnerId && c.ProjectId == projectId && c.Status == CertificateStatus.Issued, ct))
                problems[learnerId.ToString()] = $"{label} 已有本项目的有效证书，不能重复核发；信息有误请使用更正。";
            else
            {
                var (result, detail) = await ResultAsync(learnerId, projectId, ct);
                data.Add(new CertificateData(learnerId, projectId, project.EvaluationInstitutionId, project.TrainingInstitutionId, who.RealName, who.IdTypeName,
                    protector.Encrypt(who.IdNumber, Certificate.IdPurpose), Masking.IdNumber(who.IdNumber), project.Code, project.Name, project.Occupation,
                    project.Level, project.LevelName, result, detail, institution?.Name ?? ""));
            }
        }
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();   // drop the staged reveal audit: nothing was issued
            return Outcome<IReadOnlyList<Certificate>>.Fail(problems, problems.Count == 1 && problems.Values.First().Contains("已有", StringComparison.Ordinal)
                ? CertificateErrors.AlreadyIssued : CertificateErrors.NotEligible);
        }
        return await SaveNewAsync(project, data, null, ct);
    }

    /// <summary>
    /// Inserts certificates with freshly allocated numbers and codes, events, audit and notifications; with
    /// <paramref name="replacing"/>, also stages the replacement of an old certificate in the same transaction.
    /// </summary>
    internal async Task<Outcome<IReadOnlyList<Certificate>>> SaveNewAsync(ProjectSummary project, IReadOnlyList<CertificateData> data,
        Func<Certificate, Task>? replacing, CancellationToken ct, Guid? replacesId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var year = now.AddHours(8).Year;
        var institutionId = project.EvaluationInstitutionId;
        var prefix = InstitutionCode(institutionId);
        var occupation = CertificateNumbers.OccupationCode(project.Code, project.Level);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = await AllocateAsync(institutionId, year, data.Count, ct);
        var issued = new List<Certificate>();
        for (var i = 0; i < data.Count; i++)
        {
            var d = data[i];
            var number = CertificateNumbers.Format(prefix, year, occupation, d.Level, first + i);
            var c = new Certificate(d, number, CertificateNumbers.NewVerificationCode(), me.UserId, me.DisplayName, now, replacesId);
            issued.Add(c);
            db.Set<Certificate>().Add(c);
            if (replacing is null)
            {
                db.Set<CertificateEvent>().Add(new CertificateEvent(c.Id, "issued", $"证书编号 {number}", me.UserId, me.DisplayName, now));
                audit.Record("certificate.issued", "certificate", c.Id.ToString(), new { number, learnerId = d.LearnerId, projectId = d.ProjectId, result = d.Result },
                    institutionId);
                notifications.Stage(d.LearnerId, "证书已核发", $"您的“{d.ProjectName}”{d.LevelName}职业技能等级证书已核发，证书编号 {number}。可在“我的证书”中下载电子证书并查询领取进度。",
                    "/my/certificates");
            }
            else await replacing(c);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // A concurrent issuance for the same learner and project won the unique live-certificate index.
            log.LogInformation(ex, "Certificate issuance for project {Project} lost a race", project.Id);
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<IReadOnlyList<Certificate>>.Fail("", "证书刚被其他人员核发或更正（或编号并发分配冲突），请刷新后重试。", CertificateErrors.AlreadyIssued);
        }
        return Outcome<IReadOnlyList<Certificate>>.Success(issued);
    }

    public string InstitutionCode(Guid institutionId)
    {
        var configured = configuration[$"Modules:Certificates:InstitutionCodes:{institutionId}"]?.Trim().ToUpperInvariant();
        return !string.IsNullOrEmpty(configured) && configured.Length <= 12 && configured.All(char.IsAsciiLetterOrDigit)
            ? configured : CertificateNumbers.DefaultInstitutionCode(institutionId);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> serials with one conditional UPDATE (a row lock on PostgreSQL, the write lock on
    /// SQLite) held until the transaction ends, so concurrent issuers never get the same serial.
    /// </summary>
    private async Task<int> AllocateAsync(Guid institutionId, int year, int count, CancellationToken ct)
    {
        var n = await db.Set<CertificateSerial>().Where(s => s.InstitutionId == institutionId && s.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, x => x.Last + count), ct);
        if (n != 1)
        {
            // First certificate of the year: the row is inserted with this transaction; a concurrent first insert makes
            // SaveChanges fail on the primary key and the caller is asked to retry.
            db.Set<CertificateSerial>().Add(new CertificateSerial(institutionId, year, count));
            return 1;
        }
        var last = await db.Set<CertificateSerial>().AsNoTracking().Where(s => s.InstitutionId == institutionId && s.Year == year).Select(s => s.Last).SingleAsync(ct);
        return last - count + 1;
    }

    /// <summary>"合格" and the counting (latest submitted) attempt of each subject, e.g. "理论知识 86/100".</summary>
    private async Task<(string Result, string Detail)> ResultAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var sittings = (await exams.ListSittingsOfLearnerAsync(learnerId, projectId, ct)).ToDictionary(s => s.Id);
        var counting = (await exams.ListAttemptsAsync(learnerId, projectId, ct)).Where(a => a.State == "submitted")
            .GroupBy(a => sittings.TryGetValue(a.SittingId, out var s) ? s.Subject : a.SittingId.ToString())
            .Select(g => (Subject: g.Key, Attempt: g.MaxBy(a => a.SubmittedAtUtc)!)).OrderBy(x => x.Subject, StringComparer.Ordinal).ToList();
        var detail = string.Join("；", counting.Select(x => $"{x.Subject} {Score(x.Attempt.Score)}/{Score(x.Attempt.MaxScore)}"));
        var result = counting.Count > 0 && counting.All(x => x.Attempt.Passed == true) ? "合格" : "不合格";
        return (result, detail);
    }

    private static string Score(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}

/// <summary>Expected failures; codes go to audit records and the API, messages to staff.</summary>
public static class CertificateErrors
{
    public const string NotFound = "certificates.not_found";
    public const string OutOfScope = "certificates.out_of_scope";
    public const string NotEligible = "certificates.not_eligible";
    public const string AlreadyIssued = "certificates.already_issued";
    public const string NotLive = "certificates.not_live";
    public const string Invalid = "certificates.invalid";
}
