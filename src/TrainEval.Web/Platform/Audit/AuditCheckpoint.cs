namespace TrainEval.Web.Platform.Audit;

/// <summary>Periodic record of the chain head, so deleting the newest entries is detected too.</summary>
public sealed class AuditCheckpoint
{
    public long Id { get; private set; }
    public long Sequence { get; private set; }
    public string Hash { get; private set; } = "";
    public DateTime AtUtc { get; private set; }

    private AuditCheckpoint() { }
    public AuditCheckpoint(long sequence, string hash, DateTime atUtc) { Sequence = sequence; Hash = hash; AtUtc = atUtc; }
}
