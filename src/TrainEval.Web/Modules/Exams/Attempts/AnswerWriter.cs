using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>A save of one answer, checked by <see cref="AttemptAutosave"/> before it is queued.</summary>
public sealed record SaveCommand(Guid AttemptId, Guid EntryId, Guid QuestionId, long Seq, string Answer, bool InGrace);

/// <summary>Busy: the queue is full (the node is overloaded); nothing was queued and the page retries later.</summary>
public enum SaveStatus { Saved, Stale, Locked, Busy }

/// <summary>A submission; all submissions go through the writer, so they are ordered after every save queued before them.</summary>
public sealed record SubmitCommand(Guid AttemptId, SubmitMode Mode, Guid? ActorId, string ActorName, string ActorRole);

/// <summary>
/// Group commit for exam autosave (shared notes "Durable writes"): one loop drains the queue, writes every save of the
/// batch with an idempotent UPSERT (the highest seq wins) and the batch's submissions in ONE transaction, and only then
/// acknowledges each request — "acknowledged" means "durable". The UPSERT itself only writes while the attempt is in
/// progress under the same entry, so a save can never change a locked attempt, even from another app node.
/// </summary>
public sealed class AnswerWriter(IServiceScopeFactory scopes, TimeProvider clock, AttemptSaveCache saveCache, ILogger<AnswerWriter> log) : BackgroundService
{
    public const int MaxBatch = 512;
    /// <summary>
    /// Saves waiting beyond this are refused at once (503, the page retries with the same seq) instead of piling up
    /// latency for everyone: about 2–5 s of work at the measured batch rates. Submissions always wait for a place.
    /// </summary>
    public const int MaxQueued = 10_000;

    private abstract record Item;
    private sealed record SaveItem(SaveCommand Command, DateTime AtUtc, TaskCompletionSource<SaveStatus> Done, CancellationToken RequestAborted) : Item;
    private sealed record SubmitItem(SubmitCommand Command, DateTime AtUtc, TaskCompletionSource<ExamAttempt?> Done) : Item;

    private readonly Channel<Item> queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public Task<SaveStatus> SaveAsync(SaveCommand command, CancellationToken ct)
    {
        var done = new TaskCompletionSource<SaveStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new SaveItem(command, clock.GetUtcNow().UtcDateTime, done, ct))) return Task.FromResult(SaveStatus.Busy);
        return done.Task.WaitAsync(ct);
    }

    /// <summary>Submits and locks the attempt; returns it as stored (also when it was already submitted), or null if unknown.</summary>
    public async Task<ExamAttempt?> SubmitAsync(SubmitCommand command, CancellationToken ct)
    {
        var done = new TaskCompletionSource<ExamAttempt?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync(new SubmitItem(command, clock.GetUtcNow().UtcDateTime, done), ct);
        var attempt = await done.Task.WaitAsync(ct);
        if (attempt is not null) saveCache.Forget(attempt.Id);
        return attempt;
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

    private const string Upsert = """
        INSERT INTO "exams_answers" ("AttemptId", "QuestionId", "Seq", "Answer", "SavedAtUtc", "InGrace")
        SELECT @a, @q, @s, @v, @t, @g
        WHERE EXISTS (SELECT 1 FROM "exams_attempts" x WHERE x."Id" = @a AND x."State" = 1 AND x."EntryId" = @e)
        ON CONFLICT ("AttemptId", "QuestionId") DO UPDATE SET "Seq" = excluded."Seq", "Answer" = excluded."Answer",
            "SavedAtUtc" = excluded."SavedAtUtc", "InGrace" = excluded."InGrace"
        WHERE "exams_answers"."Seq" < excluded."Seq"
        """;

    /// <summary>
    /// Runs <see cref="Upsert"/> for consecutive saves of a batch, in order, with parameters converted by the EF type
    /// mappings (Guids are TEXT on SQLite, uuid on PostgreSQL). Where the driver supports command batches (Npgsql) the
    /// saves go to the server in one round trip; each save's row count still says whether it was written. Empties
    /// <paramref name="saves"/>, so the caller collects the next run of saves in the same list.
    /// </summary>
    private static async Task UpsertAsync(AppDbContext db, List<(int Index, SaveItem Save)> saves, object?[] results, CancellationToken ct)
    {
        if (saves.Count == 0) return;
        var types = db.GetService<IRelationalTypeMappingSource>();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var factory = connection.CreateCommand();
        DbParameter[] Parameters(SaveItem s) =>
        [
            Parameter("@a", s.Command.AttemptId), Parameter("@q", s.Command.QuestionId), Parameter("@s", s.Command.Seq),
            Parameter("@v", s.Command.Answer), Parameter("@t", s.AtUtc), Parameter("@g", s.Command.InGrace), Parameter("@e", s.Command.EntryId),
        ];
        DbParameter Parameter(string name, object value) => types.FindMapping(value.GetType())!.CreateParameter(factory, name, value, nullable: false);
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (_, save) in saves)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = Upsert;
                command.Parameters.AddRange(Parameters(save));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            for (var k = 0; k < saves.Count; k++)
                results[saves[k].Index] = batch.BatchCommands[k].RecordsAffected == 1 ? SaveStatus.Saved : null;   // null: stale or locked, told apart below
        }
        else
            foreach (var (i, save) in saves)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Upsert;
                command.Parameters.AddRange(Parameters(save));
                results[i] = await command.ExecuteNonQueryAsync(ct) == 1 ? SaveStatus.Saved : null;
            }
        saves.Clear();
    }

    private async Task RunBatchAsync(List<Item> batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var results = new object?[batch.Count];
        var saves = new List<(int, SaveItem)>(batch.Count);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                switch (batch[i])
                {
                    case SaveItem { RequestAborted.IsCancellationRequested: true }:
                        results[i] = SaveStatus.Busy;   // the page went away before its turn; it resends with the same seq
                        break;
                    case SaveItem s:
                        saves.Add((i, s));
                        break;
                    case SubmitItem { Command: var c } s:
                        await UpsertAsync(db, saves, results, ct);   // the saves queued before a submission are written first
                        results[i] = await scope.ServiceProvider.GetRequiredService<AttemptSubmitter>().SubmitInTransactionAsync(db, c, s.AtUtc, ct);
                        break;
                }
            }
            await UpsertAsync(db, saves, results, ct);
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
