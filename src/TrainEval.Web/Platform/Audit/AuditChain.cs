using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// The keyed hash chain over audit entries: hash(n) = HMAC-SHA256(key, fields(n) | hash(n-1)).
/// Without the key nobody can recompute a consistent chain after editing, deleting or inserting rows.
/// An entry is written with its own keyed MAC (<see cref="ComputeMac"/>) and chained just after its transaction commits
/// (<see cref="AuditSealer"/>); the sealer chains only entries whose MAC holds, so rows inserted or edited directly in
/// the database while waiting are never sealed as genuine.
/// </summary>
public sealed class AuditChain(KeyRing keys)
{
    public const string Genesis = "genesis";

    public string ComputeHash(AuditEntry e) => Mac(Canonical(e.Sequence.ToString(CultureInfo.InvariantCulture), e, e.PreviousHash));

    /// <summary>The entry's own MAC over its content (no sequence, no predecessor), written with the entry.</summary>
    public string ComputeMac(AuditEntry e) => Mac(Canonical("entry", e, ""));

    // Each field is length-prefixed, so no choice of field contents can make two different entries hash alike; the
    // first field ("entry" for the MAC, the sequence number for the chain hash) keeps the two kinds apart.
    private static string Canonical(string first, AuditEntry e, string previousHash) => string.Concat(new[]
    {
        first,
        e.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        e.ActorUserId?.ToString() ?? "",
        e.ActorName, e.ActorRole,
        e.TenantId?.ToString() ?? "",
        e.Action, e.SubjectType, e.SubjectId, e.Ip, e.Detail,
        previousHash,
    }.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f + ";"));

    private string Mac(string canonical) => Convert.ToHexStringLower(HMACSHA256.HashData(keys.AuditChainKey, Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Assigns sequence numbers and hashes to new entries, continuing from the current head.</summary>
    public void Seal(IEnumerable<AuditEntry> pending, long headSequence, string headHash)
    {
        foreach (var e in pending)
        {
            e.Sequence = ++headSequence;
            e.PreviousHash = headHash;
            e.Hash = ComputeHash(e);
            headHash = e.Hash;
        }
    }
}
