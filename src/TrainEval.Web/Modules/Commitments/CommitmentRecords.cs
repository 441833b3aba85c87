namespace TrainEval.Web.Modules.Commitments;

/// <summary>学习承诺书 (per project, LC-01) or 考试承诺书 (per sitting, EC-01).</summary>
public enum CommitmentKind { Learning = 1, Exam = 2 }

public enum TemplateStatus { Draft = 1, Published = 2, Retired = 3 }

/// <summary>Signed → (staff) revoked; signed → superseded by a re-signature that points to it. Never deleted.</summary>
public enum RecordStatus { Signed = 1, Superseded = 2, Revoked = 3 }

public enum SignMethod { OneTimeCode = 1, Face = 2 }

public enum SigningStatus { Pending = 1, Completed = 2, Locked = 3 }

/// <summary>
/// A versioned commitment template. A line is (kind, project, sitting): the learning commitment of a project, the exam
/// commitment of a project's sittings, or the exam commitment of one sitting (overrides the project's). Drafts are edited;
/// publishing freezes the text (hash recorded) and retires the line's previous published version. <see cref="CoverageJson"/>
/// holds which paragraph the author says covers each required content item (checked at publish).
/// </summary>
public sealed class CommitmentTemplate
{
    public Guid Id { get; private set; }
    public CommitmentKind Kind { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid? SittingId { get; private set; }
    public Guid OwnerInstitutionId { get; private set; }
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string CoverageJson { get; private set; } = "{}";
    public TemplateStatus Status { get; private set; }
    public string TextSha256 { get; private set; } = "";
    /// <summary>Key matters changed: earlier signatures of this line no longer count and learners re-sign (reason "template_change").</summary>
    public bool RequireResign { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid? PublishedBy { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public DateTime? RetiredAtUtc { get; private set; }
    public Guid? RetiredByTemplateId { get; private set; }

    private CommitmentTemplate() { }

    public static CommitmentTemplate Draft(CommitmentKind kind, Guid projectId, Guid? sittingId, Guid ownerInstitutionId, int version, string title, string body,
        string coverageJson, Guid by, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, ProjectId = projectId, SittingId = sittingId, OwnerInstitutionId = ownerInstitutionId, Version = version,
        Title = title, Body = body, CoverageJson = coverageJson, Status = TemplateStatus.Draft, CreatedBy = by, CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
    };

    public void Edit(string title, string body, string coverageJson, bool requireResign, DateTime nowUtc)
    {
        if (Status != TemplateStatus.Draft) throw new InvalidOperationException("Only drafts are edited.");
        Title = title;
        Body = body;
        CoverageJson = coverageJson;
        RequireResign = requireResign;
        UpdatedAtUtc = nowUtc;
    }

    public void Publish(string sha256, Guid by, DateTime nowUtc)
    {
        if (Status != TemplateStatus.Draft) throw new InvalidOperationException("Only drafts are published.");
        Status = TemplateStatus.Published;
        TextSha256 = sha256;
        PublishedBy = by;
        PublishedAtUtc = nowUtc;
    }

    public void Retire(Guid byTemplateId, DateTime nowUtc)
    {
        Status = TemplateStatus.Retired;
        RetiredByTemplateId = byTemplateId;
        RetiredAtUtc = nowUtc;
    }
}

/// <summary>
/// A signature in progress: the text the learner read (rendered, hashed), the page-operation log and the chosen
/// confirmation. A one-time code is stored only as a salted HMAC; five wrong codes lock the attempt.
/// </summary>
public sealed class CommitmentSigning
{
    public Guid Id { get; private set; }
    public CommitmentKind Kind { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid? SittingId { get; private set; }
    public Guid TemplateId { get; private set; }
    public string RenderedText { get; private set; } = "";
    public string RenderedSha256 { get; private set; } = "";
    public SignMethod Method { get; private set; }
    /// <summary>Face confirmation: the identity-check context used ("exam", "makeup", "reentry").</summary>
    public string CheckContext { get; private set; } = "";
    public string OpLogJson { get; private set; } = "[]";
    public SigningStatus Status { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public string Ip { get; private set; } = "";
    public string Device { get; private set; } = "";
    public Guid? ResignOfId { get; private set; }
    public string ResignReason { get; private set; } = "";
    public string CodeHash { get; private set; } = "";
    public string CodeSalt { get; private set; } = "";
    public DateTime? CodeExpiresAtUtc { get; private set; }
    public DateTime? CodeSentAtUtc { get; private set; }
    public int CodesSent { get; private set; }
    public int FailedAttempts { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }

    private CommitmentSigning() { }

    public static CommitmentSigning Start(CommitmentKind kind, Guid learnerId, Guid projectId, Guid? sittingId, Guid templateId, string renderedText,
        string renderedSha, SignMethod method, string checkContext, string opLogJson, Guid? resignOfId, string resignReason, string ip, string device,
        DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, LearnerId = learnerId, ProjectId = projectId, SittingId = sittingId, TemplateId = templateId,
        RenderedText = renderedText, RenderedSha256 = renderedSha, Method = method, CheckContext = checkContext, OpLogJson = opLogJson,
        Status = SigningStatus.Pending, StartedAtUtc = nowUtc, ResignOfId = resignOfId, ResignReason = resignReason,
        Ip = Clip(ip, 64), Device = Clip(device, 300),
    };

    public void CodeIssued(string hash, string salt, DateTime nowUtc, TimeSpan validity)
    {
        CodeHash = hash;
        CodeSalt = salt;
        CodeSentAtUtc = nowUtc;
        CodeExpiresAtUtc = nowUtc + validity;
        CodesSent++;
    }

    public void CodeFailed(int maxAttempts)
    {
        FailedAttempts++;
        if (FailedAttempts >= maxAttempts) Status = SigningStatus.Locked;
    }

    public void Complete(string opLogJson, DateTime nowUtc)
    {
        OpLogJson = opLogJson;
        Status = SigningStatus.Completed;
        CompletedAtUtc = nowUtc;
    }

    internal static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>
/// A signed commitment (LC-02, EC-01): the template version and hash, the rendered text and its hash, time, account,
/// device, IP, method and the page-operation log. A re-signature is a new record pointing to the original
/// (<see cref="ResignOfId"/>); the original stays, marked superseded. Revocation adds a <see cref="CommitmentRevocation"/>.
/// </summary>
public sealed class CommitmentRecord
{
    public Guid Id { get; private set; }
    public CommitmentKind Kind { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid? SittingId { get; private set; }
    public Guid TemplateId { get; private set; }
    public int TemplateVersion { get; private set; }
    public string TemplateSha256 { get; private set; } = "";
    public string RenderedText { get; private set; } = "";
    public string RenderedSha256 { get; private set; } = "";
    public DateTime SignedAtUtc { get; private set; }
    public string Account { get; private set; } = "";
    public string Device { get; private set; } = "";
    public string Ip { get; private set; } = "";
    public SignMethod Method { get; private set; }
    public string OpLogJson { get; private set; } = "[]";
    public Guid SigningId { get; private set; }
    public RecordStatus Status { get; private set; }
    public Guid? ResignOfId { get; private set; }
    public string ResignReason { get; private set; } = "";
    public Guid? SupersededById { get; private set; }
    public DateTime? SupersededAtUtc { get; private set; }
    /// <summary>Staff asked for a new signature (reason code and note): this record stops counting until the learner re-signs.</summary>
    public string ResignRequestedReason { get; private set; } = "";
    public string ResignRequestedNote { get; private set; } = "";
    public DateTime? ResignRequestedAtUtc { get; private set; }
    public Guid? ResignRequestedBy { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    private CommitmentRecord() { }

    public static CommitmentRecord Sign(CommitmentSigning s, CommitmentTemplate t, string account, string opLogJson, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), Kind = s.Kind, LearnerId = s.LearnerId, ProjectId = s.ProjectId, SittingId = s.SittingId, TemplateId = t.Id,
        TemplateVersion = t.Version, TemplateSha256 = t.TextSha256, RenderedText = s.RenderedText, RenderedSha256 = s.RenderedSha256,
        SignedAtUtc = nowUtc, Account = CommitmentSigning.Clip(account, 100), Device = s.Device, Ip = s.Ip, Method = s.Method, OpLogJson = opLogJson,
        SigningId = s.Id, Status = RecordStatus.Signed, ResignOfId = s.ResignOfId, ResignReason = s.ResignReason,
    };

    /// <summary>Counts for the gates: signed, not revoked, not superseded, no re-signature requested.</summary>
    public bool IsValid => Status == RecordStatus.Signed && ResignRequestedAtUtc is null;

    public void Supersede(Guid byRecordId, DateTime nowUtc)
    {
        Status = RecordStatus.Superseded;
        SupersededById = byRecordId;
        SupersededAtUtc = nowUtc;
    }

    public void RequestResign(string reason, string note, Guid by, DateTime nowUtc)
    {
        ResignRequestedReason = reason;
        ResignRequestedNote = note;
        ResignRequestedBy = by;
        ResignRequestedAtUtc = nowUtc;
    }

    public void Revoke(DateTime nowUtc)
    {
        Status = RecordStatus.Revoked;
        RevokedAtUtc = nowUtc;
    }
}

/// <summary>Revocation of a signed commitment with reason, basis and next step (LC-03); the record itself stays.</summary>
public sealed class CommitmentRevocation
{
    public Guid Id { get; private set; }
    public Guid RecordId { get; private set; }
    public string Reason { get; private set; } = "";
    public string Basis { get; private set; } = "";
    public string NextStep { get; private set; } = "";
    public Guid ByUserId { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }

    private CommitmentRevocation() { }

    public static CommitmentRevocation Create(Guid recordId, string reason, string basis, string nextStep, Guid by, string byName, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), RecordId = recordId, Reason = reason, Basis = basis, NextStep = nextStep, ByUserId = by,
        ByName = CommitmentSigning.Clip(byName, 100), AtUtc = nowUtc,
    };
}
