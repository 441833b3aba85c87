using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Audit;

public enum AuditProblemKind { None, Edited, Deleted, Inserted, Truncated }

public sealed record AuditVerification(bool Intact, long EntriesChecked, AuditProblemKind Problem, long? AtSequence, long? EntryId, string Message)
{
    public static AuditVerification Ok(long n) => new(true, n, AuditProblemKind.None, null, null, $"审计链完整：已校验 {n} 条记录。");
}

/// <summary>
/// Walks the chain in sequence order and reports the first entry that was edited, deleted or inserted
/// directly in the database (SEC-02). Also checks the newest checkpoint so truncating the tail is detected, and that
/// every entry still waiting to be sealed carries a valid MAC (a forged waiting row is never chained and shows here).
/// With a sealer (the app; not a restore check) it first seals what is waiting, so the walk covers every entry.
/// </summary>
public sealed class AuditVerifier(AppDbContext db, AuditChain chain, AuditSealer? sealer = null)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        if (sealer is not null) await sealer.SealAsync(ct);
        long expectedSeq = 1, count = 0;
        var prevHash = AuditChain.Genesis;
        AuditEntry? previous = null;
        await foreach (var e in db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence > 0).OrderBy(a => a.Sequence).ThenBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            var selfValid = chain.ComputeHash(e) == e.Hash;
            if (e.Sequence < expectedSeq || (previous is not null && e.Sequence == previous.Sequence))
                return new(false, count, AuditProblemKind.Inserted, e.Sequence, e.Id, $"第 {e.Sequence} 号记录（ID {e.Id}）重复或乱序：有记录被插入。");
            if (e.Sequence > expectedSeq)
                return new(false, count, AuditProblemKind.Deleted, expectedSeq, e.Id, $"缺少第 {expectedSeq}–{e.Sequence - 1} 号记录：有记录被删除。");
            if (!selfValid)
            {
                // A forged row that claims the right predecessor but cannot carry a valid keyed hash.
                return new(false, count, e.PreviousHash == prevHash ? AuditProblemKind.Edited : AuditProblemKind.Inserted, e.Sequence, e.Id,
                    $"第 {e.Sequence} 号记录（ID {e.Id}）的内容与其哈希不符：记录被修改或伪造插入。");
            }
            if (e.PreviousHash != prevHash)
                return new(false, count, AuditProblemKind.Deleted, e.Sequence, e.Id, $"第 {e.Sequence} 号记录（ID {e.Id}）与前一条记录不衔接：链条被改动。");
            prevHash = e.Hash;
            previous = e;
            expectedSeq++;
        }

        var checkpoint = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        if (checkpoint is not null)
        {
            if (previous is null || previous.Sequence < checkpoint.Sequence)
                return new(false, count, AuditProblemKind.Truncated, checkpoint.Sequence, null, $"检查点记录到第 {checkpoint.Sequence} 号，但现存记录更少：末尾记录被删除。");
            var atCheckpoint = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence == checkpoint.Sequence).Select(a => a.Hash).FirstAsync(ct);
            if (atCheckpoint != checkpoint.Hash)
                return new(false, count, AuditProblemKind.Edited, checkpoint.Sequence, null, $"第 {checkpoint.Sequence} 号记录与检查点不符。");
        }
        await foreach (var e in db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence == 0).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (chain.ComputeMac(e) != e.Mac)
                return new(false, count, AuditProblemKind.Inserted, null, e.Id, $"待封存记录（ID {e.Id}）的内容与其校验码不符：记录被修改或伪造插入。");
        }
        return AuditVerification.Ok(count);
    }
}
