using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>A save of one answer, checked by <see cref="ExamAttempts"/> before it is queued.</summary>
public sealed record SaveCommand(Guid AttemptId, Guid EntryId, Guid QuestionId, long Seq, string Answer, bool InGrace);

public enum SaveStatus { Saved, Stale, Locked }

/// <summary>A submission; all submissions go through the writer, so they are ordered after every save queued before them.</summary>
public sealed record SubmitCommand(Guid AttemptId, SubmitMode Mode, Guid? ActorId, string ActorName, string ActorRole);

/// <summary>
/// Group commit for exam autosave (shared notes "Durable writes"): one loop drains the queue, writes every save of the
/// batch with an idempotent UPSERT (the highest seq wins) and the batch's submissions in ONE transaction, and only then
/// acknowledges each request — "acknowledged" means "durable". The UPSERT itself only writes while the attempt is in
/// progress under the same entry, so a save can never change a locked attempt, even from another app node.
/// </summary>
public sealed class AnswerWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AnswerWriter> log) : BackgroundService
{
    public const int MaxBatch = 512;

    private abstract record Item;
    private sealed record SaveItem(SaveCommand Command, DateTime AtUtc, TaskCompletionSource<SaveStatus> Done) : Item;
    private sealed record SubmitItem(SubmitCommand Command, DateTime AtUtc, TaskCompletionSource<ExamAttempt?> Done) : Item;

    private readonly Channel<Item> queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    public Task<SaveStatus> SaveAsync(SaveCommand command, CancellationToken ct)
    {
        var done = new TaskCompletionSource<SaveStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new SaveItem(command, clock.GetUtcNow().UtcDateTime, done))) throw new InvalidOperationException("The answer writer has stopped.");
        return done.Task.WaitAsync(ct);
    }

    /// <summary>Submits and locks the attempt; returns it as stored (also when it was already submitted), or null if unknown.</summary>
    public Task<ExamAttempt?> SubmitAsync(SubmitCommand command, CancellationToken ct)
    {
        var done = new TaskCompletionSource<ExamAttempt?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new SubmitItem(command, clock.GetUtcNow().UtcDateTime, done))) throw new InvalidOperationException("The answer writer has stopped.");
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Item>(MaxBatch);
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            try
            {
                await RunBatchAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Answer batch of {Count} failed", batch.Count);
                foreach (var item in batch)
                    switch (item)
                    {
                        case SaveItem s: s.Done.TrySetException(e); break;
                        case SubmitItem s: s.Done.TrySetException(e); break;
                    }
            }
        }
    }

    private const string Columns = "\"AttemptId\", \"QuestionId\", \"Seq\", \"Answer\", \"SavedAtUtc\", \"InGrace\"";

    /// <summary>
    /// One statement for many saves: each proposed row is written only while its attempt is in progress under the save's
    /// entry, and only over a lower seq; the written rows come back. VALUES columns are column1..7 on both providers.
    /// </summary>
    private static string Upsert(int rows) => $"""
        INSERT INTO "exams_answers" ({Columns})
        SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6
        FROM (VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(@a{i}, @q{i}, @s{i}, @v{i}, @t{i}, @g{i}, @e{i})"))}) AS v
        WHERE EXISTS (SELECT 1 FROM "exams_attempts" x WHERE x."Id" = v.column1 AND x."State" = 1 AND x."EntryId" = v.column7)
        ON CONFLICT ("AttemptId", "QuestionId") DO UPDATE SET "Seq" = excluded."Seq", "Answer" = excluded."Answer",
            "SavedAtUtc" = excluded."SavedAtUtc", "InGrace" = excluded."InGrace"
        WHERE "exams_answers"."Seq" < excluded."Seq"
        RETURNING "AttemptId", "QuestionId"
        """;

    /// <summary>A command on the batch's connection and transaction; parameters converted by the EF type mappings (Guids are TEXT on SQLite, uuid on PostgreSQL).</summary>
    private static (System.Data.Common.DbCommand Command, Action<string, object> Add) Command(AppDbContext db, string sql)
    {
        var types = db.GetService<IRelationalTypeMappingSource>();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return (command, (name, value) => command.Parameters.Add(types.FindMapping(value.GetType())!.CreateParameter(command, name, value, nullable: false)));
    }

    /// <summary>Saves of the same attempt, question and entry in one batch: only the highest seq is proposed (a statement may touch a row once).</summary>
    private sealed record Group(Guid AttemptId, Guid QuestionId, Guid EntryId, List<(int Index, SaveItem Item)> Members)
    {
        public SaveItem Winner => Members.MaxBy(m => m.Item.Command.Seq).Item;   // MaxBy keeps the first of equal seqs
    }

    /// <summary>
    /// Writes a run of consecutive saves (no submission between them) with as few statements as possible — one, unless
    /// the same question of an attempt comes with two entries — and sets each save's status as if they had been written
    /// one by one in arrival order: saved when its seq is above the stored one and every earlier seq of the run; null
    /// (stale or locked, told apart later) when its group's row was not written.
    /// </summary>
    private static async Task WriteSavesAsync(AppDbContext db, List<Item> batch, List<int> saves, object?[] results, CancellationToken ct)
    {
        if (saves.Count == 0) return;
        var groups = new List<Group>();
        var byKey = new Dictionary<(Guid, Guid, Guid), Group>();
        foreach (var i in saves)
        {
            var item = (SaveItem)batch[i];
            var c = item.Command;
            if (!byKey.TryGetValue((c.AttemptId, c.QuestionId, c.EntryId), out var g))
                groups.Add(byKey[(c.AttemptId, c.QuestionId, c.EntryId)] = g = new Group(c.AttemptId, c.QuestionId, c.EntryId, []));
            g.Members.Add((i, item));
        }

        // The stored seq before this run, for groups of several saves (a retry or two quick changes of one answer).
        var old = new Dictionary<(Guid, Guid), long>();
        var several = groups.Where(g => g.Members.Count > 1).ToList();
        if (several.Count > 0)
        {
            var (read, add) = Command(db, $"""
                SELECT "AttemptId", "QuestionId", "Seq" FROM "exams_answers"
                WHERE ("AttemptId", "QuestionId") IN (VALUES {string.Join(", ", several.Select((_, i) => $"(@a{i}, @q{i})"))})
                """);
            await using (read)
            {
                for (var i = 0; i < several.Count; i++)
                {
                    add($"@a{i}", several[i].AttemptId);
                    add($"@q{i}", several[i].QuestionId);
                }
                await using var r = await read.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) old[(r.GetGuid(0), r.GetGuid(1))] = r.GetInt64(2);
            }
        }

        // Rounds: the k-th group of each (attempt, question) goes into statement k, so no statement proposes a row twice.
        var written = new HashSet<Group>();
        foreach (var round in groups.GroupBy(g => (g.AttemptId, g.QuestionId)).SelectMany(same => same.Select((g, k) => (g, k))).GroupBy(x => x.k, x => x.g))
        {
            var proposed = round.ToList();
            var (upsert, add) = Command(db, Upsert(proposed.Count));
            await using (upsert)
            {
                for (var i = 0; i < proposed.Count; i++)
                {
                    var w = proposed[i].Winner;
                    add($"@a{i}", w.Command.AttemptId);
                    add($"@q{i}", w.Command.QuestionId);
                    add($"@s{i}", w.Command.Seq);
                    add($"@v{i}", w.Command.Answer);
                    add($"@t{i}", w.AtUtc);
                    add($"@g{i}", w.Command.InGrace);
                    add($"@e{i}", w.Command.EntryId);
                }
                var returned = new HashSet<(Guid, Guid)>();
                await using (var r = await upsert.ExecuteReaderAsync(ct))
                    while (await r.ReadAsync(ct)) returned.Add((r.GetGuid(0), r.GetGuid(1)));
                written.UnionWith(proposed.Where(g => returned.Contains((g.AttemptId, g.QuestionId))));
            }
        }

        foreach (var g in groups)
        {
            if (!written.Contains(g))
            {
                foreach (var (i, _) in g.Members) results[i] = null;
                continue;
            }
            var highest = old.GetValueOrDefault((g.AttemptId, g.QuestionId));
            foreach (var (i, item) in g.Members)
            {
                results[i] = item.Command.Seq > highest ? SaveStatus.Saved : SaveStatus.Stale;
                highest = Math.Max(highest, item.Command.Seq);
            }
        }
    }

    private async Task RunBatchAsync(List<Item> batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var submitter = scope.ServiceProvider.GetRequiredService<AttemptSubmitter>();
        var results = new object?[batch.Count];
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Saves are written in runs between submissions, so a submission sees every save queued before it and
            // locks the attempt against every save queued after it.
            var saves = new List<int>();
            for (var i = 0; i < batch.Count; i++)
            {
                switch (batch[i])
                {
                    case SaveItem:
                        saves.Add(i);
                        break;
                    case SubmitItem { Command: var c } s:
                        await WriteSavesAsync(db, batch, saves, results, ct);
                        saves.Clear();
                        results[i] = await submitter.SubmitInTransactionAsync(db, c, s.AtUtc, ct);
                        break;
                }
            }
            await WriteSavesAsync(db, batch, saves, results, ct);
            await tx.CommitAsync(ct);
        }
        var unclear = batch.Select((item, i) => (item, i)).Where(x => x.item is SaveItem && results[x.i] is null).ToList();
        if (unclear.Count > 0)
        {
            var ids = unclear.Select(x => ((SaveItem)x.item).Command.AttemptId).Distinct().ToList();
            var open = await db.Set<ExamAttempt>().AsNoTracking().Where(a => ids.Contains(a.Id) && a.State == AttemptState.InProgress)
                .Select(a => new { a.Id, a.EntryId }).ToDictionaryAsync(a => a.Id, a => a.EntryId, ct);
            foreach (var (item, i) in unclear)
            {
                var c = ((SaveItem)item).Command;
                results[i] = open.TryGetValue(c.AttemptId, out var entry) && entry == c.EntryId ? SaveStatus.Stale : SaveStatus.Locked;
            }
        }
        for (var i = 0; i < batch.Count; i++)
            switch (batch[i])
            {
                case SaveItem s: s.Done.TrySetResult((SaveStatus)results[i]!); break;
                case SubmitItem s: s.Done.TrySetResult((ExamAttempt?)results[i]); break;
            }
    }
}
