namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// One append-only audit record (SEC-02, ARC-02). Never updated or deleted by the application.
/// It is inserted in the same transaction as the change it describes, with its keyed <see cref="Mac"/> and
/// <see cref="Sequence"/> 0 ("waiting"); right after that transaction commits, <see cref="AuditSealer"/> assigns
/// <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> — the one update an entry ever gets.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public long Sequence { get; internal set; }
    public DateTime AtUtc { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public Guid? TenantId { get; private set; }
    public string Action { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";
    public string Ip { get; private set; } = "";
    /// <summary>JSON detail. Never contains plaintext sensitive values.</summary>
    public string Detail { get; private set; } = "";
    public string PreviousHash { get; internal set; } = "";
    public string Hash { get; internal set; } = "";
    /// <summary>HMAC of the entry's content, set when it is written; the sealer chains only entries whose MAC holds.</summary>
    public string Mac { get; internal set; } = "";
    /// <summary>Chained: has its sequence number and hash.</summary>
    public bool IsSealed => Sequence > 0;

    private AuditEntry() { }

    public static AuditEntry Create(DateTime atUtc, Guid? actorUserId, string actorName, string actorRole, Guid? tenantId,
        string action, string subjectType, string subjectId, string ip, string detail) => new()
    {
        // Truncated to milliseconds so the hash input survives every provider's timestamp precision.
        AtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
        ActorUserId = actorUserId,
        ActorName = Limit(actorName, 100),
        ActorRole = Limit(actorRole, 100),
        TenantId = tenantId,
        Action = Limit(action, 100),
        SubjectType = Limit(subjectType, 100),
        SubjectId = Limit(subjectId, 100),
        Ip = Limit(ip, 64),
        Detail = detail,
    };

    private static string Limit(string s, int n) => s.Length <= n ? s : s[..n];
}
