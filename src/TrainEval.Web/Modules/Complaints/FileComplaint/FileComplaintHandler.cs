using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.FileComplaint;

public sealed record AttachmentUpload(string FileName, byte[] Content);

public sealed record ComplaintInput(string? Category, Guid? InstitutionId, Guid? ProjectId, string? Subject, string? Text,
    string? Name, string? Phone, string? Email);

/// <summary>The filed complaint and, for the public, the access code (shown once, only its hash is stored).</summary>
public sealed record Filed(Complaint Complaint, string? AccessCode);

/// <summary>A choice on the form: institutions (training / evaluation) and projects.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>
/// Files a complaint (SUP-01) for a signed-in learner or for the public: checks every field and every attachment by
/// content before anything is stored, applies the daily cap (per account, per phone), routes it to the institution
/// named (or, for a project without one, the institution that owns the step), numbers it and computes the published
/// due times. One transaction.
/// </summary>
public sealed class FileComplaintHandler(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment, IFileStore files, FieldProtector protector,
    BlindIndex index, AuditLog audit, CurrentUser me, TimeProvider clock, IOptions<ComplaintsOptions> options)
{
    public const int MaxFiles = 3;
    public const int MaxFileKb = 5 * 1024;
    public const int MaxTextLength = 2000;
    public const int MaxSubjectLength = 50;
    public const string PhonePurpose = "complaint.phone";
    public const string EmailPurpose = "complaint.email";
    public static readonly string[] Formats = ["pdf", "jpg", "png"];

    public ComplaintsOptions Options => options.Value;

    /// <summary>Training and evaluation institutions, by kind then name.</summary>
    public async Task<IReadOnlyList<Choice>> InstitutionsAsync(CancellationToken ct)
        => [.. (await accounts.ListInstitutionsAsync(ct)).Where(i => i.Kind is InstitutionKind.Training or InstitutionKind.Evaluation)
            .Select(i => new Choice(i.Id, $"{i.Name}（{i.Kind.DisplayName()}）"))];

    /// <summary>The signed-in learner's projects, or every published project for the public.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ProjectsAsync(Guid? learnerId, CancellationToken ct)
    {
        var published = await enrollment.ListPublishedProjectsAsync(ct);
        if (learnerId is not { } id) return published;
        var mine = new List<ProjectSummary>();
        var training = (await accounts.ListInstitutionsAsync(ct)).Where(i => i.Kind == InstitutionKind.Training).Select(i => i.Id).ToList();
        foreach (var e in await enrollment.ListLiveEnrollmentsAsync(id, training, ct))
            if (await enrollment.GetProjectAsync(e.ProjectId, ct) is { } p && mine.All(x => x.Id != p.Id)) mine.Add(p);
        return mine;
    }

    public async Task<Outcome<Filed>> FileAsync(ComplaintInput input, IReadOnlyList<AttachmentUpload> uploads, bool asLearner, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var errors = new Dictionary<string, string>();
        Guid? learnerId = asLearner ? me.RequiredUserId : null;

        ComplaintCategory category = default;
        if (!Enum.TryParse(input.Category, out category) || !Enum.IsDefined(category) || int.TryParse(input.Category, out _))
            errors["Category"] = "请选择投诉类别。";

        var (subject, se) = ComplaintText.Multiline("事项摘要", input.Subject, MaxSubjectLength);
        subject = subject.Replace('\n', ' ');
        if (subject.Length < 2) errors["Subject"] = "请用一句话概括投诉事项（2–50 字）。";
        else if (se is not null) errors["Subject"] = se;
        var (text, te) = ComplaintText.Multiline("投诉内容", input.Text, MaxTextLength);
        if (text.Length < 10) errors["Text"] = $"请写明投诉事项、经过和诉求（10–{MaxTextLength} 字）。";
        else if (te is not null) errors["Text"] = te;

        string name;
        if (asLearner) name = (await accounts.GetProfileAsync(learnerId!.Value, ct))?.RealName ?? me.DisplayName;
        else
        {
            name = (input.Name ?? "").Trim();
            if (name.Length == 0) errors["Name"] = "请填写您的姓名。";
            else if (TextRules.TextError("姓名", name, 30) is { } ne) errors["Name"] = ne;
        }

        var phone = ComplaintText.NormalizePhone(input.Phone);
        if (phone.Length == 0 && !asLearner) errors["Phone"] = "请填写联系电话（11 位手机号码），以便核实和反馈。";
        else if (phone.Length > 0 && !ComplaintText.IsMobile(phone)) errors["Phone"] = "请填写 11 位中国大陆手机号码。";
        var email = (input.Email ?? "").Trim();
        if (email.Length > 0 && !ComplaintText.IsEmail(email)) errors["Email"] = "电子邮箱格式不正确。";

        ProjectSummary? project = null;
        if (input.ProjectId is { } pid)
        {
            project = (await ProjectsAsync(learnerId, ct)).FirstOrDefault(p => p.Id == pid);
            if (project is null) errors["ProjectId"] = asLearner ? "请从您报名的项目中选择相关项目。" : "请从公示的项目中选择相关项目。";
        }
        var institutionId = input.InstitutionId;
        string institutionName = "";
        if (institutionId is { } iid)
        {
            var choice = (await InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == iid);
            if (choice is null) errors["InstitutionId"] = "请从列表中选择被投诉的培训机构或评价机构。";
            else institutionName = choice.Name;
        }
        else if (project is not null)
        {
            // The step's owner: exam, score and certificate matters go to the evaluation institution, the rest to the training institution.
            institutionId = category is ComplaintCategory.Exam or ComplaintCategory.Score or ComplaintCategory.Certificate
                ? project.EvaluationInstitutionId : project.TrainingInstitutionId;
            var info = await accounts.GetInstitutionAsync(institutionId.Value, ct);
            institutionName = info is null ? "" : $"{info.Name}（{info.Kind.DisplayName()}）";
        }

        if (uploads.Count > MaxFiles) errors["Attachments"] = $"附件最多 {MaxFiles} 个。";
        var checkedFiles = new List<(AttachmentUpload Upload, InspectedUpload Checked)>();
        if (!errors.ContainsKey("Attachments"))
            foreach (var upload in uploads)
            {
                var (ok, problem) = UploadInspector.Inspect(upload.Content, Formats, MaxFileKb);
                if (ok is null) { errors["Attachments"] = $"附件“{ComplaintText.SafeFileName(upload.FileName)}”：{problem}"; break; }
                checkedFiles.Add((upload, ok));
            }
        if (errors.Count > 0) return Outcome<Filed>.Fail(errors, errors.ContainsKey("Attachments") ? ComplaintErrors.BadAttachment : "validation");

        // Daily cap (China day), per account or per phone.
        var dayStart = WorkingCalendar.StartOfChinaDayUtc(WorkingCalendar.ChinaDate(now));
        var phoneIndex = phone.Length > 0 ? index.Compute(PhonePurpose, phone) : "";
        var today = asLearner
            ? await db.Set<Complaint>().CountAsync(c => c.ComplainantUserId == learnerId && c.FiledAtUtc >= dayStart, ct)
            : await db.Set<Complaint>().CountAsync(c => c.ComplainantUserId == null && c.PhoneIndex == phoneIndex && c.FiledAtUtc >= dayStart, ct);
        var cap = asLearner ? o.LearnerDailyCapPerAccount : o.PublicDailyCapPerPhone;
        if (today >= cap)
        {
            audit.Record("complaint.capped", "complaint", asLearner ? learnerId.ToString()! : "public", new { today, cap, phone = phone.Length > 0 ? Masking.Phone(phone) : "" });
            await db.SaveChangesAsync(ct);
            return Outcome<Filed>.Fail("", $"今日提交的投诉已达 {cap} 件上限，请明日再提交；已提交的投诉可在进度查询中补充说明或等待答复。", ComplaintErrors.DailyCap);
        }

        var calendar = o.Calendar();
        var complaint = Complaint.File(asLearner ? ComplaintChannel.Learner : ComplaintChannel.Public, learnerId, name, category, institutionId, institutionName,
            project?.Id, project?.Name ?? "", subject, text, now, calendar.DueUtc(now, o.AcknowledgeWorkingDays), calendar.DueUtc(now, o.ReplyDays(category)));
        complaint.SetContact(phone.Length > 0 ? protector.Encrypt(phone, PhonePurpose) : "", phoneIndex, phone.Length > 0 ? Masking.Phone(phone) : "",
            email.Length > 0 ? protector.Encrypt(email, EmailPurpose) : "", email.Length > 0 ? ComplaintText.MaskEmail(email) : "");
        string? code = null;
        if (!asLearner)
        {
            code = ComplaintText.NewAccessCode();
            complaint.SetAccessCodeHash(ComplaintText.HashCode(ComplaintText.NormalizeCode(code)));
        }
        db.Set<Complaint>().Add(complaint);
        db.Set<ComplaintEvent>().Add(ComplaintEvent.Create(complaint.Id, ComplaintEventKinds.Filed, now, learnerId, "投诉人",
            $"{ComplaintNames.Category(category)}：{subject}", visible: true));
        var stored = new List<object>();
        foreach (var (upload, ok) in checkedFiles)
        {
            var file = await files.SaveAsync(new MemoryStream(ok.Content), ct);
            var baseName = Path.GetFileNameWithoutExtension(ComplaintText.SafeFileName(upload.FileName));
            var row = ComplaintAttachment.Create(complaint.Id, file.Key, file.Sha256, ok.ContentType, file.Length,
                $"{(baseName.Length == 0 ? "附件" : baseName[..Math.Min(baseName.Length, 100)])}.{ok.Extension}", now);
            db.Set<ComplaintAttachment>().Add(row);
            stored.Add(new { row.Id, row.Sha256, row.Size, row.ContentType });
        }

        var year = WorkingCalendar.ChinaDate(now).Year;
        for (var attempt = 0; ; attempt++)
        {
            var serial = (await db.Set<Complaint>().Where(c => c.Year == year).MaxAsync(c => (int?)c.Serial, ct) ?? 0) + 1;
            complaint.SetNumber(year, serial);
            var entry = audit.Record("complaint.filed", "complaint", complaint.Id.ToString(), new
            {
                complaint.Number, channel = complaint.Channel.ToString(), category = category.ToString(), institution = institutionId, project = project?.Id,
                phone = complaint.PhoneMasked, ackDue = complaint.AcknowledgeDueUtc, replyDue = complaint.ReplyDueUtc, attachments = stored,
            }, institutionId);
            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome<Filed>.Success(new Filed(complaint, code));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another complaint took this serial at the same moment: take the next one.
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }
}
