namespace TrainEval.Web.Modules.Complaints;

/// <summary>The categories of SUP-01 / seed 000 §16 (收费争议、学习异常、考试异常、成绩异议、证书信息错误、个人信息处理争议) plus 其他.</summary>
public enum ComplaintCategory { Fees = 1, Learning = 2, Exam = 3, Score = 4, Certificate = 5, PersonalData = 6, Other = 7 }

public enum ComplaintState { Submitted = 0, InProgress = 1, Replied = 2, Closed = 3 }

public enum ComplaintChannel { Learner = 1, Public = 2 }

/// <summary>The conclusion staff give with a reply (seed: 说明处理结论和主要理由).</summary>
public enum ComplaintOutcome { Upheld = 1, PartlyUpheld = 2, NotUpheld = 3, OutOfScope = 4 }

/// <summary>
/// A complaint or appeal (SUP-01). The filed facts never change; the state moves Submitted → InProgress (acknowledged)
/// → Replied → Closed, with one reopen (Replied → InProgress) when the complainant is not satisfied. Every change is
/// also an appended <see cref="ComplaintEvent"/> (who, when, why); this row only holds the current state and due times.
/// </summary>
public sealed class Complaint
{
    public Guid Id { get; private set; }
    /// <summary>"TS-2026-000123": year of filing (China time) and a serial within the year.</summary>
    public string Number { get; private set; } = "";
    public int Year { get; private set; }
    public int Serial { get; private set; }
    public ComplaintChannel Channel { get; private set; }
    /// <summary>The learner account for complaints filed signed in; null for the public.</summary>
    public Guid? ComplainantUserId { get; private set; }
    public string ComplainantName { get; private set; } = "";
    /// <summary>Contact phone (required for the public, optional for learners): encrypted, blind-indexed for the daily cap, masked for display.</summary>
    public string PhoneCipher { get; private set; } = "";
    public string PhoneIndex { get; private set; } = "";
    public string PhoneMasked { get; private set; } = "";
    public string EmailCipher { get; private set; } = "";
    public string EmailMasked { get; private set; } = "";
    /// <summary>SHA-256 of the public access code (≥ 80 bits; shown once). Empty for learner complaints.</summary>
    public string AccessCodeHash { get; private set; } = "";

    public ComplaintCategory Category { get; private set; }
    /// <summary>The training or evaluation institution complained about; null = the platform operator handles it.</summary>
    public Guid? InstitutionId { get; private set; }
    public string InstitutionName { get; private set; } = "";
    public Guid? ProjectId { get; private set; }
    public string ProjectName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTime FiledAtUtc { get; private set; }

    public ComplaintState State { get; private set; }
    public DateTime AcknowledgeDueUtc { get; private set; }
    public DateTime ReplyDueUtc { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public bool AcknowledgedLate { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string AssigneeName { get; private set; } = "";
    public ComplaintOutcome? Outcome { get; private set; }
    /// <summary>The latest reply; every reply stays in the events.</summary>
    public string Reply { get; private set; } = "";
    public DateTime? FirstRepliedAtUtc { get; private set; }
    public DateTime? RepliedAtUtc { get; private set; }
    public bool RepliedLate { get; private set; }
    public int ReopenCount { get; private set; }
    public string ReopenReason { get; private set; } = "";
    public DateTime? ClosedAtUtc { get; private set; }
    public int? Rating { get; private set; }
    public string RatingComment { get; private set; } = "";
    public DateTime? RatedAtUtc { get; private set; }

    private Complaint() { }

    public static Complaint File(ComplaintChannel channel, Guid? userId, string name, ComplaintCategory category, Guid? institutionId, string institutionName,
        Guid? projectId, string projectName, string subject, string text, DateTime nowUtc, DateTime acknowledgeDueUtc, DateTime replyDueUtc) => new()
    {
        Id = Guid.CreateVersion7(), Channel = channel, ComplainantUserId = userId, ComplainantName = name, Category = category,
        InstitutionId = institutionId, InstitutionName = institutionName, ProjectId = projectId, ProjectName = projectName,
        Subject = subject, Text = text, FiledAtUtc = nowUtc, State = ComplaintState.Submitted,
        AcknowledgeDueUtc = acknowledgeDueUtc, ReplyDueUtc = replyDueUtc,
    };

    public void SetNumber(int year, int serial)
    {
        Year = year;
        Serial = serial;
        Number = $"TS-{year}-{serial:000000}";
    }

    public void SetContact(string phoneCipher, string phoneIndex, string phoneMasked, string emailCipher, string emailMasked)
    {
        PhoneCipher = phoneCipher;
        PhoneIndex = phoneIndex;
        PhoneMasked = phoneMasked;
        EmailCipher = emailCipher;
        EmailMasked = emailMasked;
    }

    public void SetAccessCodeHash(string hash) => AccessCodeHash = hash;

    public bool IsOpen => State is ComplaintState.Submitted or ComplaintState.InProgress;

    /// <summary>受理: the first staff action starts handling; late if after the published acknowledgement time.</summary>
    public bool Acknowledge(DateTime nowUtc)
    {
        if (State != ComplaintState.Submitted) return false;
        State = ComplaintState.InProgress;
        AcknowledgedAtUtc = nowUtc;
        AcknowledgedLate = nowUtc > AcknowledgeDueUtc;
        return true;
    }

    public void Assign(Guid userId, string name)
    {
        if (!IsOpen) throw new InvalidOperationException("Only an open complaint can be assigned.");
        AssigneeId = userId;
        AssigneeName = name;
    }

    public void Answer(ComplaintOutcome outcome, string reply, DateTime nowUtc)
    {
        if (State != ComplaintState.InProgress) throw new InvalidOperationException("Acknowledge before replying.");
        Outcome = outcome;
        Reply = reply;
        RepliedAtUtc = nowUtc;
        FirstRepliedAtUtc ??= nowUtc;
        RepliedLate |= nowUtc > ReplyDueUtc;
        State = ComplaintState.Replied;
    }

    /// <summary>One reopen, by the complainant, while the reply stands and within the window; the reply is due again from now.</summary>
    public bool CanReopen(DateTime nowUtc, int windowDays)
        => State == ComplaintState.Replied && ReopenCount == 0 && RepliedAtUtc is { } r && nowUtc <= r.AddDays(windowDays);

    public void Reopen(string reason, DateTime nowUtc, DateTime newReplyDueUtc)
    {
        if (State != ComplaintState.Replied || ReopenCount > 0) throw new InvalidOperationException("Only a replied complaint can be reopened, once.");
        ReopenCount++;
        ReopenReason = reason;
        State = ComplaintState.InProgress;
        ReplyDueUtc = newReplyDueUtc;
    }

    public bool CanRate => State is ComplaintState.Replied or ComplaintState.Closed && Rating is null;

    public void Rate(int stars, string comment, DateTime nowUtc)
    {
        if (!CanRate || stars is < 1 or > 5) throw new InvalidOperationException("Rating once, 1–5, after a reply.");
        Rating = stars;
        RatingComment = comment;
        RatedAtUtc = nowUtc;
    }

    /// <summary>Staff close a replied complaint once the complainant has rated it or the reopen window has passed (so the right to reopen is never cut short).</summary>
    public bool CanClose(DateTime nowUtc, int windowDays)
        => State == ComplaintState.Replied && (Rating is not null || ReopenCount > 0 || RepliedAtUtc is { } r && nowUtc > r.AddDays(windowDays));

    public void Close(DateTime nowUtc)
    {
        if (State != ComplaintState.Replied) throw new InvalidOperationException("Only a replied complaint can be closed.");
        State = ComplaintState.Closed;
        ClosedAtUtc = nowUtc;
    }
}

/// <summary>What happened to a complaint: appended, never changed. Internal notes are not shown to the complainant.</summary>
public sealed class ComplaintEvent
{
    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public Guid? ActorId { get; private set; }
    /// <summary>Display name of staff, or "投诉人" / "系统".</summary>
    public string ActorName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public bool VisibleToComplainant { get; private set; }

    private ComplaintEvent() { }

    public static ComplaintEvent Create(Guid complaintId, string kind, DateTime nowUtc, Guid? actorId, string actorName, string text, bool visible) => new()
    {
        Id = Guid.CreateVersion7(), ComplaintId = complaintId, Kind = kind, AtUtc = nowUtc, ActorId = actorId, ActorName = actorName, Text = text,
        VisibleToComplainant = visible,
    };
}

public static class ComplaintEventKinds
{
    public const string Filed = "filed";
    public const string Acknowledged = "acknowledged";
    public const string Assigned = "assigned";
    public const string Note = "note";
    public const string Replied = "replied";
    public const string Reopened = "reopened";
    public const string Rated = "rated";
    public const string Closed = "closed";

    public static string Name(string kind) => kind switch
    {
        Filed => "提交投诉",
        Acknowledged => "已受理",
        Assigned => "指定处理人",
        Note => "处理记录（内部）",
        Replied => "答复",
        Reopened => "不满意，申请重新处理",
        Rated => "评价",
        Closed => "办结",
        _ => kind,
    };
}

/// <summary>An attachment the complainant gave: content-checked, content-addressed, never replaced.</summary>
public sealed class ComplaintAttachment
{
    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public string FileKey { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string FileName { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }

    private ComplaintAttachment() { }

    public static ComplaintAttachment Create(Guid complaintId, string fileKey, string sha256, string contentType, long size, string fileName, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ComplaintId = complaintId, FileKey = fileKey, Sha256 = sha256, ContentType = contentType, Size = size,
        FileName = fileName, UploadedAtUtc = nowUtc,
    };
}
