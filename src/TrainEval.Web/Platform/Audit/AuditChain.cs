using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// The keyed hash chain over audit entries: hash(n) = HMAC-SHA256(key, fields(n) | hash(n-1)).
/// Without the key nobody can recompute a consistent chain after editing, deleting or inserting rows.
/// </summary>
public sealed class AuditChain(KeyRing keys)
{
    public const string Genesis = "genesis";

    public string ComputeHash(AuditEntry e)
    {
        // Each field is length-prefixed, so no choice of field contents can make two different entries hash alike.
        var canonical = string.Concat(new[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.ActorUserId?.ToString() ?? "",
            e.ActorName, e.ActorRole,
            e.TenantId?.ToString() ?? "",
            e.Action, e.SubjectType, e.SubjectId, e.Ip, e.Detail,
            e.PreviousHash,
        }.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f + ";"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.AuditChainKey, Encoding.UTF8.GetBytes(canonical)));
    }

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
