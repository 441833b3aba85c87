using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>
/// The writer of the effective-time ledger with group commit (see shared notes "Durable writes"): requests are stamped
/// with the server time and queued in arrival order; a writer loop drains what is queued, applies every command in
/// order with <see cref="LearningLedger"/>, writes the entries, sessions and learner states in ONE transaction, and only
/// then answers each request — so "acknowledged" means "durable" and per-learner order is the arrival order.
/// <para>
/// Learners are split over <see cref="Partitions"/> independent writer loops by learner id (a learner always goes to the
/// same one), so one partition decides and writes its batch while another waits for its commit. Each loop keeps the
/// learner states and learning sessions its last commits produced (<see cref="LearnerMemory"/>), so a batch of known
/// learners needs no read before its write. Several app nodes are safe: every batch bumps the version (a concurrency
/// token) of each learner state it touches, so a batch built on a state another node has since changed fails as a whole
/// and is re-run from fresh rows; on any failure the loop forgets what it kept of the batch's learners.
/// </para>
/// </summary>
public sealed class LedgerWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerWriter> log, IConfiguration? configuration = null)
    : BackgroundService
{
    public const int MaxBatch = 512;
    /// <summary>
    /// Independent writer loops (each its own connection and group commit); learners are split by id. One on the 2-core
    /// reference machine: four loops made more, smaller commits and were slower there (docs/BENCHMARKS.md), since the
    /// machine is CPU-bound, not commit-latency-bound; raise it where cores and commit latency allow
    /// (configuration <c>Learning:Ledger:WriterPartitions</c>, 1–16, default 1).
    /// </summary>
    public int Partitions => partitions.Length;
    /// <summary>How long a due identity check may stay unanswered before it counts as failed.</summary>
    public static readonly TimeSpan IdentityCheckWindow = TimeSpan.FromMinutes(2);

    /// <summary>Course structure changes rarely: units and courses are cached for a minute, completions for good (they are
    /// never undone). Activations live in the writer's memory of each learner (<see cref="LearnerMemory"/>), dropped as soon
    /// as they change (<see cref="ActivationChangeInterceptor"/>).</summary>
    internal readonly LedgerCaches Caches = new(clock);

    private readonly Partition[] partitions =
        [.. Enumerable.Range(0, Math.Clamp(configuration?.GetValue<int?>("Learning:Ledger:WriterPartitions") ?? 1, 1, 16)).Select(_ => new Partition())];
    private readonly Lock stamp = new();

    /// <summary>Stamps the command with the server time and queues it; completes when its batch is committed.</summary>
    public Task<PlayerFeedback> SubmitAsync(LedgerCommand command, CancellationToken ct)
    {
        var partition = partitions[(uint)command.LearnerId.GetHashCode() % (uint)partitions.Length];
        lock (stamp)   // stamp and enqueue together, so queue order is server-time order
        {
            command.ServerUtc = clock.GetUtcNow().UtcDateTime;
            if (!partition.Queue.Writer.TryWrite(command)) throw new InvalidOperationException("The ledger writer has stopped.");
        }
        return command.Done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(partitions.Select(p => Task.Run(() => RunPartitionAsync(p, stoppingToken), CancellationToken.None)));

    private async Task RunPartitionAsync(Partition partition, CancellationToken stoppingToken)
    {
        var batch = new List<LedgerCommand>(MaxBatch);
        var reader = partition.Queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var c)) batch.Add(c);
            if (batch.Count == 0) continue;
            try
            {
                var results = await ProcessWithRetryAsync(batch, partition.Memory, stoppingToken);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Ledger batch of {Count} commands failed", batch.Count);
                foreach (var c in batch) c.Done.TrySetException(e);
            }
        }
    }

    private async Task<IReadOnlyList<PlayerFeedback>> ProcessWithRetryAsync(List<LedgerCommand> batch, LearnerMemory memory, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var processor = new LedgerBatch(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                    scope.ServiceProvider.GetService<IIdentityCheckVerifier>() is not null, clock.GetUtcNow().UtcDateTime, scope.ServiceProvider, Caches, memory);
                return await processor.RunAsync(batch, ct);
            }
            // A concurrency conflict (another node, or an activation change, moved a learner's version) or a unique
            // violation (a learner's state row created meanwhile): re-run from fresh rows. Other errors fail again.
            catch (DbUpdateException) when (attempt < 4)
            {
                log.LogInformation("Ledger batch conflicted with another node or an activation change; re-running ({Attempt})", attempt);
            }
        }
    }

    private sealed class Partition
    {
        public Channel<LedgerCommand> Queue { get; } = Channel.CreateUnbounded<LedgerCommand>(new UnboundedChannelOptions { SingleReader = true });
        public LearnerMemory Memory { get; } = new();
    }
}

/// <summary>
/// What one writer loop knows of its learners after its last commits: the state row (with its version), the decoded
/// state and the learning sessions it wrote. Only ever holds committed values: a batch puts what it wrote after its
/// commit and forgets its learners when it fails. Used by one loop at a time (not thread-safe).
/// </summary>
internal sealed class LearnerMemory
{
    private const int MaxLearners = 200_000, MaxSessionsPerLearner = 4;
    /// <summary>A safety net for changes made outside the app (e.g. by hand in the database): activations are re-read then.</summary>
    public static readonly TimeSpan ActivationsFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(30);
    private readonly Dictionary<Guid, Entry> learners = [];
    private long batches;

    public sealed class Entry(LearnerLedger row, LedgerState state, long usedAt)
    {
        public LearnerLedger Row { get; set; } = row;
        public LedgerState State { get; set; } = state;
        public List<LearningSession> Sessions { get; } = [];
        /// <summary>The learner's pending identity checks as last committed; null when not known (not loaded yet).</summary>
        public List<IdentityCheck>? PendingChecks { get; set; }
        /// <summary>The learner's course activations as read at <see cref="ActivationsReadUtc"/>; valid while the row's
        /// version holds (a change of activations bumps it), re-read after <see cref="ActivationsFor"/> regardless.</summary>
        public List<CourseActivation>? Activations { get; set; }
        public DateTime ActivationsReadUtc { get; set; }
        public long UsedAt { get; set; } = usedAt;
    }

    public Entry? Find(Guid learnerId) => learners.GetValueOrDefault(learnerId);

    public void Forget(IEnumerable<Guid> learnerIds)
    {
        foreach (var id in learnerIds) learners.Remove(id);
    }

    /// <summary>After a commit: keeps the committed rows of the batch's learners (sessions newest first).</summary>
    /// <param name="pendingChecks">When the batch knew its learners' pending identity checks: all of them (the writer is
    /// the only writer of checks, and every batch bumps the versions of its learners, so they stay right like the sessions).</param>
    /// <param name="activations">The batch's learners' activations and when they were read (all of the batch's learners).</param>
    public void Keep(IReadOnlyDictionary<Guid, (LearnerLedger Row, LedgerState State)> committed, IEnumerable<LearningSession> sessions,
        IReadOnlyCollection<IdentityCheck>? pendingChecks, IReadOnlyDictionary<Guid, (List<CourseActivation> List, DateTime ReadUtc)> activations, long now)
    {
        foreach (var (id, (row, state)) in committed)
        {
            if (learners.TryGetValue(id, out var e)) { e.Row = row; e.State = state; e.UsedAt = now; }
            else learners[id] = e = new Entry(row, state, now);
            e.PendingChecks = pendingChecks is null ? null : [.. pendingChecks.Where(c => c.LearnerId == id)];
            (e.Activations, e.ActivationsReadUtc) = activations.TryGetValue(id, out var a) ? (a.List, a.ReadUtc) : (null, default);
        }
        foreach (var s in sessions)
        {
            if (!learners.TryGetValue(s.LearnerId, out var e) || e.Sessions.Contains(s)) continue;
            e.Sessions.Insert(0, s);
            if (e.Sessions.Count > MaxSessionsPerLearner) e.Sessions.RemoveAt(e.Sessions.Count - 1);
        }
        if (++batches % 1024 == 0 || learners.Count > MaxLearners) Sweep(now);
    }

    private void Sweep(long now)
    {
        var idle = (long)(IdleFor.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        foreach (var (id, e) in learners.Where(x => now - x.Value.UsedAt > idle).ToList()) learners.Remove(id);
        if (learners.Count > MaxLearners) learners.Clear();
    }
}

/// <summary>One group-commit batch: loads what the commands need in a few queries, decides, saves once.</summary>
internal sealed class LedgerBatch(AppDbContext db, bool identityChecksEnabled, DateTime nowUtc, IServiceProvider services, LedgerCaches caches,
    LearnerMemory memory)
{
    private readonly Dictionary<Guid, LearnerLedger?> rows = [];
    private readonly Dictionary<Guid, LedgerState> states = [];
    private Dictionary<Guid, LearningSession> sessions = [];
    private Dictionary<Guid, CourseUnit> units = [];
    private Dictionary<Guid, Course> courses = [];
    private List<CourseActivation> activations = [];
    /// <summary>Each of the batch's learners' activations and when they were read (kept in the writer's memory after commit).</summary>
    private readonly Dictionary<Guid, (List<CourseActivation> List, DateTime ReadUtc)> activationsByLearner = [];
    private readonly List<IdentityCheck> checks = [];
    /// <summary>Whether <see cref="checks"/> holds every pending check of the batch's learners (from memory or one query).</summary>
    private bool checksLoaded;
    private HashSet<(Guid Learner, Guid Unit)> completed = [];
    /// <summary>Learners opening a video in this batch whom the verifier can check by face (others get no checks).</summary>
    private IReadOnlySet<Guid> checkedByFace = new HashSet<Guid>();
    /// <summary>Of those learners, their last face pass in any context (the verifier's log and this engine's checks).</summary>
    private readonly Dictionary<Guid, DateTime> lastPasses = [];
    /// <summary>Ledger rows decided but not yet written: append-only, so written without change tracking.</summary>
    private readonly List<LedgerEntryRow> newRows = [];

    public async Task<IReadOnlyList<PlayerFeedback>> RunAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken ct)
    {
        var learnerIds = batch.Select(c => c.LearnerId).Distinct().ToList();
        try
        {
            // One transaction per batch and nothing to roll back to inside it: no savepoint round trips around SaveChanges.
            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LoadAsync(batch, learnerIds, ct);
            var results = new List<PlayerFeedback>(batch.Count);
            foreach (var command in batch) results.Add(await DecideAsync(command, ct));
            var committed = new Dictionary<Guid, (LearnerLedger, LedgerState)>(states.Count);
            foreach (var (learnerId, state) in states)
            {
                // Every touched learner's version moves, also when the state did not: another node's batch that read
                // the old version (and the sessions with it) then fails instead of overwriting what this one wrote.
                var json = LedgerStateJson.Write(state);
                var row = rows[learnerId];
                if (row is not null) row.Save(json, nowUtc);
                else db.Set<LearnerLedger>().Add(row = LearnerLedger.Create(learnerId, json, nowUtc));
                committed[learnerId] = (row, state);
            }
            await FlushAsync(ct);
            await tx.CommitAsync(ct);
            foreach (var (learner, unit) in completed) caches.MarkCompleted(learner, unit);
            memory.Keep(committed, db.ChangeTracker.Entries<LearningSession>().Select(e => e.Entity), checksLoaded ? checks : null,
                activationsByLearner, System.Diagnostics.Stopwatch.GetTimestamp());
            return results;
        }
        catch
        {
            memory.Forget(learnerIds);
            throw;
        }
    }

    /// <summary>Writes what the batch has decided so far inside its transaction: tracked changes, then the new ledger rows.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await LedgerRowInsert.InsertAsync(db, newRows, ct);
        newRows.Clear();
    }

    /// <summary>
    /// The batch's learner states and sessions: from the writer's memory where it has them (attached as unchanged, so
    /// the save writes only what this batch changes, guarded by the version read), the rest in one query each.
    /// </summary>
    private async Task LoadAsync(IReadOnlyList<LedgerCommand> batch, List<Guid> learnerIds, CancellationToken ct)
    {
        var missingLearners = new List<Guid>();
        var checksUnknown = new List<Guid>();
        foreach (var id in learnerIds)
        {
            if (memory.Find(id) is { } known)
            {
                if (known.PendingChecks is { } pending)
                    foreach (var check in pending) { db.Attach(check); checks.Add(check); }
                else checksUnknown.Add(id);
                db.Attach(known.Row);
                rows[id] = known.Row;
                states[id] = known.State;
                foreach (var s in known.Sessions)
                {
                    db.Attach(s);
                    sessions[s.Id] = s;
                }
            }
            else { missingLearners.Add(id); checksUnknown.Add(id); }
        }
        var missingSessions = batch.Select(c => c.PlayerSessionId).Distinct().Where(id => !sessions.ContainsKey(id)).ToList();
        if (missingSessions.Count > 0)
            foreach (var s in await db.Set<LearningSession>().Where(s => missingSessions.Contains(s.Id)).ToListAsync(ct)) sessions[s.Id] = s;
        if (missingLearners.Count > 0)
        {
            foreach (var row in await db.Set<LearnerLedger>().Where(l => missingLearners.Contains(l.LearnerId)).ToListAsync(ct)) rows[row.LearnerId] = row;
            foreach (var id in missingLearners)
            {
                rows.TryAdd(id, null);
                states[id] = rows[id] is { } r ? LedgerStateJson.Read(r.StateJson) : LedgerState.Initial;
            }
        }
        var unitIds = sessions.Values.Select(s => s.UnitId).Distinct().ToList();
        (units, courses) = await caches.UnitsAsync(db, unitIds, ct);
        await LoadActivationsAsync(learnerIds, ct);
        // Checks exist only when a verifier is registered (or were made while one was); identity commands always look.
        var opening = batch.Where(c => c.Kind == LedgerCommandKind.Open).Select(c => c.LearnerId).Distinct().ToList();
        if (identityChecksEnabled && opening.Count > 0 && services.GetService<IIdentityCheckVerifier>() is { } verifier)
        {
            checkedByFace = await verifier.LearnersCheckedByFaceAsync(opening, ct);
            foreach (var (id, at) in await verifier.LastPassesAsync(opening, ct)) lastPasses[id] = at;
            var own = await db.Set<IdentityCheck>().AsNoTracking().Where(c => opening.Contains(c.LearnerId) && c.Outcome == IdentityCheckOutcome.Passed)
                .GroupBy(c => c.LearnerId).Select(g => new { g.Key, Last = g.Max(c => c.DecidedAtUtc) }).ToListAsync(ct);
            foreach (var o in own)
                if (o.Last is { } at && (!lastPasses.TryGetValue(o.Key, out var seen) || at > seen)) lastPasses[o.Key] = at;
        }
        // Pending checks come from the writer's memory where it knows them (it writes every check), else one query.
        if (identityChecksEnabled || batch.Any(c => c.Kind == LedgerCommandKind.IdentityCheck))
        {
            if (checksUnknown.Count > 0)
                checks.AddRange(await db.Set<IdentityCheck>().Where(c => checksUnknown.Contains(c.LearnerId) && c.Outcome == IdentityCheckOutcome.Pending).ToListAsync(ct));
            checksLoaded = true;
        }
    }

    /// <summary>Activations from the writer's memory while fresh (see <see cref="LearnerMemory.Entry.Activations"/>), the rest in one query.</summary>
    private async Task LoadActivationsAsync(List<Guid> learnerIds, CancellationToken ct)
    {
        var missing = new List<Guid>();
        foreach (var id in learnerIds)
        {
            if (memory.Find(id) is { Activations: { } known } e && nowUtc - e.ActivationsReadUtc < LearnerMemory.ActivationsFor && nowUtc >= e.ActivationsReadUtc)
                activationsByLearner[id] = (known, e.ActivationsReadUtc);
            else missing.Add(id);
        }
        foreach (var chunk in missing.Chunk(500))
        {
            var ids = chunk.ToList();
            var loaded = (await db.Set<CourseActivation>().AsNoTracking().Where(a => ids.Contains(a.LearnerId)).ToListAsync(ct)).ToLookup(a => a.LearnerId);
            foreach (var id in ids) activationsByLearner[id] = ([.. loaded[id]], nowUtc);
        }
        activations = [.. learnerIds.SelectMany(id => activationsByLearner[id].List)];
    }

    private async Task<PlayerFeedback> DecideAsync(LedgerCommand c, CancellationToken ct)
    {
        if (c.Kind == LedgerCommandKind.Void) return await VoidAsync(c, ct);
        if (!sessions.TryGetValue(c.PlayerSessionId, out var session) || session.LearnerId != c.LearnerId
            || !units.TryGetValue(session.UnitId, out var unit) || !courses.TryGetValue(unit.CourseId, out var course))
            return Feedback(false, "not-activated", "学习会话无效，请返回课程页面重新进入。", stop: true);

        var state = states[c.LearnerId];
        var rules = course.LedgerRules;
        var unitInfo = new UnitInfo(unit.Id, unit.DurationSeconds,
            unit.IsPlayable && unit.ArchivedAtUtc is null && ActivationOpen(c.LearnerId, course.ProjectId, c.ServerUtc));
        var entries = new List<LedgerEntry>();
        var accepted = false;
        string? reason = null;
        var message = "";
        var stop = false;

        switch (c.Kind)
        {
            case LedgerCommandKind.Open:
                if (session.IsReplay) { Event(session, "replay.opened", c, ""); message = "回看模式：记录回看次数，不计入有效学时。"; accepted = true; break; }
                if (state.LastAccepted is { } last && state.ActiveSessionToken is not null && last.CourseUnitId != unit.Id && last.Playing
                    && c.ServerUtc - last.ServerReceivedUtc < rules.ParallelCourseLock)
                {
                    entries.Add(Zero(c, unit.Id, 0, LedgerReason.ParallelCourse));
                    session.End("parallel-course", c.ServerUtc);
                    reason = LedgerReason.ParallelCourse.Code();
                    message = "您正在其他页面或设备上学习另一个课程单元。一次只能学习一门课程，请先暂停或关闭那个页面，再刷新本页。";
                    stop = true;
                    break;
                }
                LearningSession? old = null;
                if (state.ActiveSessionToken is { } previous && Guid.TryParseExact(previous, "N", out var previousId) && previousId != session.Id)
                {
                    old = sessions.GetValueOrDefault(previousId) ?? await db.Set<LearningSession>().FindAsync([previousId], ct);
                    old?.End("superseded", c.ServerUtc);
                }
                var lastHeartbeatUtc = state.LastAccepted?.ServerReceivedUtc;
                state = LearningLedger.SignIn(state, session.Id.ToString("N"), c.ServerUtc);
                if (identityChecksEnabled && unit.Kind == UnitKind.Video && checkedByFace.Contains(session.LearnerId))
                {
                    var why = ReverifyReason(lastHeartbeatUtc, lastPasses.TryGetValue(session.LearnerId, out var pass) ? pass : null, old, session, c.ServerUtc, rules);
                    if (why is not null)
                    {
                        Recheck(session, unit, course, state.ProgressOf(unit.Id).FurthestPosition);
                        Event(session, "identity.recheck", c, why);
                    }
                    ScheduleIdentityChecks(session, unit, course, state);
                }
                Event(session, "session.opened", c, "");
                accepted = true;
                break;

            case LedgerCommandKind.Interaction:
                if (state.ActiveSessionToken != session.Id.ToString("N")) { reason = LedgerReason.SecondDevice.Code(); message = Messages.Superseded; stop = true; break; }
                var late = c.ServerUtc > LearningLedger.InteractionDeadlineUtc(state, rules);
                state = LearningLedger.RecordInteractionCheck(state, c.ServerUtc, rules);
                Event(session, "interaction.answered", c, late ? "late" : "in-time");
                accepted = true;
                message = late ? "已确认在学。超过确认时限的时间不计入有效学时。" : "已确认在学。";
                break;

            case LedgerCommandKind.IdentityCheck:
                var check = checks.FirstOrDefault(x => x.Id == c.CheckId && x.PlayerSessionId == session.Id);
                if (check is null || c.Verdict is null) { reason = "unknown-check"; message = "没有待完成的人脸核验。"; break; }
                check.Decide(c.Verdict.Passed ? IdentityCheckOutcome.Passed : IdentityCheckOutcome.Failed, c.Verdict.Detail, c.ServerUtc);
                checks.Remove(check);
                (state, var voids) = await IdentityDecisionAsync(state, session, c.Verdict.Passed, c, ct);
                entries.AddRange(voids);
                Event(session, c.Verdict.Passed ? "identity.passed" : "identity.failed", c, c.Verdict.Detail);
                if (!c.Verdict.Passed) Recheck(session, unit, course, c.Heartbeat?.Position ?? session.FurthestPosition);
                accepted = c.Verdict.Passed;
                reason = c.Verdict.Passed ? "identity-passed" : LedgerReason.FaceCheckFailed.Code();
                message = c.Verdict.Passed ? "人脸核验通过，继续学习。" : Messages.FaceFailed;
                break;

            case LedgerCommandKind.Heartbeat:
                var hb = c.Heartbeat!;
                if (session.IsReplay)
                {
                    session.Record(c.ServerUtc, 0, 0, hb.Position, accepted: true);
                    return Feedback(true, "replay", "回看模式：不计入有效学时。", furthest: state.ProgressOf(unit.Id).FurthestPosition);
                }
                if (c.Refusal is not null)
                {
                    entries.Add(Zero(c, unit.Id, hb.Sequence, LedgerReason.SecondDevice));
                    session.End("signed-out", c.ServerUtc);
                    Event(session, "heartbeat.refused", c, c.Refusal);
                    reason = LedgerReason.SecondDevice.Code();
                    message = c.Refusal;
                    stop = true;
                    break;
                }
                // A due identity check left unanswered past its window counts as failed (voids since the last pass).
                foreach (var overdue in checks.Where(x => x.PlayerSessionId == session.Id && x.DueSinceUtc is { } due && c.ServerUtc - due > LedgerWriter.IdentityCheckWindow).ToList())
                {
                    overdue.Decide(IdentityCheckOutcome.TimedOut, "未在时限内完成核验", c.ServerUtc);
                    checks.Remove(overdue);
                    (state, var timedOut) = await IdentityDecisionAsync(state, session, false, c, ct);
                    entries.AddRange(timedOut);
                    Event(session, "identity.timed-out", c, "");
                    Recheck(session, unit, course, hb.Position);
                }
                var heartbeat = new Heartbeat(session.Id.ToString("N"), hb.Sequence, hb.ClientTimeUtc, c.ServerUtc, unit.Id, hb.Position, hb.Playing,
                    hb.Visible, hb.Focused, hb.LastInteractionUtc, hb.PlaybackRate);
                var decision = LearningLedger.Apply(state, heartbeat, unitInfo, rules);
                state = decision.State;
                entries.AddRange(decision.Entries);
                accepted = decision.Accepted;
                reason = decision.Reason.Code();
                message = Messages.For(decision.Reason, accepted);
                stop = !accepted && decision.Reason is LedgerReason.SecondDevice or LedgerReason.ParallelCourse or LedgerReason.NotActivated;
                if (stop) session.End(reason, c.ServerUtc);
                break;
        }

        states[c.LearnerId] = state;
        var credited = entries.Sum(e => e.CreditedDuration.TotalMilliseconds);
        foreach (var e in entries) newRows.Add(LedgerEntryRow.From(e, c.LearnerId, course.Id, session.Id, nowUtc));
        if (c.Kind == LedgerCommandKind.Heartbeat)
            session.Record(c.ServerUtc, (long)credited, (long)entries.Where(e => !e.IsVoid).Sum(e => e.Duration.TotalMilliseconds),
                c.Heartbeat!.Position, accepted);

        var progress = state.ProgressOf(unit.Id);
        var unitCompleted = caches.IsCompleted(c.LearnerId, unit.Id);
        if (!unitCompleted && accepted && unit.DurationSeconds > 0 && progress.FurthestPosition >= unit.DurationSeconds - 2 * rules.SeekToleranceSeconds
            && !completed.Contains((c.LearnerId, unit.Id)) && !await caches.CompletedInDbAsync(db, c.LearnerId, unit.Id, ct))
        {
            db.Set<UnitCompletion>().Add(UnitCompletion.Create(c.LearnerId, course.Id, unit.Id, "watched",
                $"session {session.Id:N}; watched {progress.WatchedSeconds:F0}s of {unit.DurationSeconds:F0}s", c.ServerUtc));
            completed.Add((c.LearnerId, unit.Id));
            unitCompleted = true;
        }
        else if (!unitCompleted && caches.IsCompleted(c.LearnerId, unit.Id))
        {
            unitCompleted = true;
        }

        IdentityCheckPrompt? prompt = null;
        if (!stop && !session.IsReplay)
        {
            var next = checks.Where(x => x.PlayerSessionId == session.Id).OrderBy(x => x.DueSinceUtc ?? DateTime.MaxValue).ThenBy(x => x.AtPosition).FirstOrDefault();
            if (next is not null && accepted && c.Kind == LedgerCommandKind.Heartbeat && c.Heartbeat!.Position >= next.AtPosition) next.MarkDue(c.ServerUtc);
            if (next?.DueSinceUtc is { } dueSince)
                prompt = new IdentityCheckPrompt(next.Id, next.AtPosition, true, (int)Math.Max(0, (LedgerWriter.IdentityCheckWindow - (c.ServerUtc - dueSince)).TotalSeconds));
        }

        var today = state.CreditedOn(LearningLedger.BeijingDay(c.ServerUtc));
        var dueAt = LearningLedger.InteractionCheckDueUtc(state, rules);
        var capReached = today >= rules.DailyCap;
        if (capReached && accepted && reason == LedgerReason.Cap.Code()) message = Messages.Cap;
        return new PlayerFeedback(accepted, reason ?? "ok", message, credited / 1000.0, session.CreditedMs / 1000.0, today.TotalSeconds,
            progress.FurthestPosition, Math.Max(0, (dueAt - c.ServerUtc).TotalSeconds), c.ServerUtc >= dueAt, prompt, capReached, stop, unitCompleted);

        PlayerFeedback Feedback(bool ok, string code, string text, bool stop = false, double furthest = 0)
            => new(ok, code, text, 0, 0, 0, furthest, 0, false, null, false, stop, false);
    }

    /// <summary>
    /// Voids the learner's net credit in a window of one course (confirmed anomaly, LRN-08): per learning session, day
    /// and unit, what was credited there minus what earlier voids already took back — never more.
    /// </summary>
    private async Task<PlayerFeedback> VoidAsync(LedgerCommand c, CancellationToken ct)
    {
        await FlushAsync(ct);
        var (from, to, courseId) = (c.VoidFromUtc, c.VoidToUtc, c.CourseId ?? Guid.Empty);
        var credited = LedgerReason.Credited.Code();
        var rowsInWindow = await db.Set<LedgerEntryRow>().AsNoTracking()
            .Where(r => r.LearnerId == c.LearnerId && r.CourseId == courseId && r.Credited && r.FromUtc < to && r.ToUtc > from
                && (r.Reason == credited || r.DurationMs < 0))
            .GroupBy(r => new { r.PlayerSessionId, r.BeijingDay, r.UnitId })
            .Select(g => new { g.Key.PlayerSessionId, g.Key.BeijingDay, g.Key.UnitId, Ms = g.Sum(r => r.DurationMs) }).ToListAsync(ct);
        var voids = rowsInWindow.Where(g => g.Ms > 0).ToList();
        foreach (var g in voids)
        {
            newRows.Add(LedgerEntryRow.From(new LedgerEntry(from, to, g.BeijingDay, g.UnitId, g.PlayerSessionId.ToString("N"), 0,
                TimeSpan.FromMilliseconds(-g.Ms), LedgerReason.AnomalyConfirmed, Credited: true), c.LearnerId, courseId, g.PlayerSessionId, nowUtc));
            var session = sessions.GetValueOrDefault(g.PlayerSessionId) ?? await db.Set<LearningSession>().FindAsync([g.PlayerSessionId], ct);
            session?.Record(session.LastHeartbeatUtc ?? c.ServerUtc, -g.Ms, 0, session.FurthestPosition, accepted: true);
        }
        states[c.LearnerId] = LearningLedger.VoidCredit(states[c.LearnerId], voids.Select(g => (g.BeijingDay, g.UnitId, TimeSpan.FromMilliseconds(g.Ms))));
        var total = voids.Sum(g => g.Ms);
        if (c.AnomalyId is { } anomalyId)
        {
            var flag = await db.Set<Anomalies.LearningAnomaly>().FirstOrDefaultAsync(a => a.Id == anomalyId, ct);
            if (flag is null || flag.Status != Anomalies.AnomalyStatus.Open)
                throw new InvalidOperationException("The anomaly flag is not open; nothing is voided.");
            flag.Resolve(Anomalies.AnomalyStatus.Confirmed);
            db.Set<Anomalies.AnomalyDecision>().Add(Anomalies.AnomalyDecision.Create(flag.Id, Anomalies.AnomalyStatus.Confirmed, c.ByUserId, c.ByName, c.Note, total, c.ServerUtc));
            services.GetRequiredService<Platform.Audit.AuditLog>().RecordAs(c.ByUserId, c.ByName, c.ByRole, flag.TrainingInstitutionId,
                "learning.anomaly.confirmed", "learner", c.LearnerId.ToString(),
                new { anomaly = flag.Id, flag.Rule, from, to, voidedMs = total, note = c.Note });
            var minutes = Math.Round(total / 60_000.0, 1);
            var projectId = await db.Set<Course>().Where(x => x.Id == courseId).Select(x => x.ProjectId).FirstOrDefaultAsync(ct);
            services.GetRequiredService<Notifications.Public.INotificationsApi>().Stage(c.LearnerId, "学习异常复核结果",
                $"您在 {from.AddHours(8):yyyy-MM-dd HH:mm} 至 {to.AddHours(8):yyyy-MM-dd HH:mm} 的学习记录经机构复核确认为异常（{Anomalies.AnomalyRules.Label(flag.Rule)}），" +
                $"该时段的有效学时 {minutes} 分钟已作废。复核意见：{c.Note}。如有异议，可通过投诉渠道申诉。", $"/my/courses/{projectId}/records");
        }
        return new PlayerFeedback(true, LedgerReason.AnomalyConfirmed.Code(), $"作废 {total / 1000.0:F0} 秒", -total / 1000.0, 0, 0, 0, 0, false, null, false, false, false);
    }

    private bool ActivationOpen(Guid learnerId, Guid projectId, DateTime at)
        => activations.Where(a => a.LearnerId == learnerId && a.ProjectId == projectId).OrderByDescending(a => a.ActivatedAtUtc)
            .FirstOrDefault() is { } a && a.IsOpen(at);

    private static LedgerEntry Zero(LedgerCommand c, Guid unitId, long seq, LedgerReason reason)
        => new(c.ServerUtc, c.ServerUtc, LearningLedger.BeijingDay(c.ServerUtc), unitId, c.PlayerSessionId.ToString("N"), seq, TimeSpan.Zero, reason, Credited: false);

    private void Event(LearningSession s, string kind, LedgerCommand c, string detail)
        => db.Set<LearningEvent>().Add(LearningEvent.Create(s.LearnerId, s.CourseId, s.UnitId, s.Id, kind, c.Ip, detail, c.ServerUtc));

    /// <summary>
    /// Schedules the random identity checks of a video (LRN-04) at random moments of the part not yet watched, unless
    /// one already passed for this learner and video.
    /// </summary>
    private void ScheduleIdentityChecks(LearningSession session, CourseUnit unit, Course course, LedgerState state)
    {
        if (db.Set<IdentityCheck>().AsNoTracking().Any(x => x.LearnerId == session.LearnerId && x.UnitId == unit.Id && x.Outcome == IdentityCheckOutcome.Passed))
            return;
        var duration = unit.DurationSeconds;
        var furthest = state.ProgressOf(unit.Id).FurthestPosition;
        var lo = Math.Max(furthest, duration * 0.05);
        var hi = duration * 0.9;
        if (hi <= lo) { lo = furthest; hi = Math.Max(furthest, duration - 3); }
        for (var i = 0; i < Math.Max(1, course.IdentityChecksPerVideo); i++)
        {
            var span = (int)Math.Max(0, (hi - lo) * 1000);
            var at = lo + (span > 0 ? RandomNumberGenerator.GetInt32(span) / 1000.0 : 0);
            var check = IdentityCheck.Schedule(session.LearnerId, course.Id, unit.Id, session.Id, Math.Round(at, 1), nowUtc);
            db.Set<IdentityCheck>().Add(check);
            checks.Add(check);
        }
    }

    /// <summary>
    /// IDV-02 "again after long idle, re-entry or device change": a check due at once when the learner comes back after
    /// <see cref="LedgerRules.ReverifyAfterIdle"/> with neither an accepted heartbeat nor a face pass in between
    /// ("long-idle"), or continues on another device (browser) without a face pass in the last few minutes
    /// ("device-change"). The first video ever is not "idle": its random checks and the login check cover it.
    /// </summary>
    internal static string? ReverifyReason(DateTime? lastHeartbeatUtc, DateTime? lastPassUtc, LearningSession? previous, LearningSession current,
        DateTime nowUtc, LedgerRules rules)
    {
        if (lastPassUtc is { } p && nowUtc - p < rules.RecentPass) return null;
        if (lastHeartbeatUtc is { } hb)
        {
            var lastSign = lastPassUtc is { } pass && pass > hb ? pass : hb;
            if (nowUtc - lastSign >= rules.ReverifyAfterIdle) return "long-idle";
        }
        if (previous is not null && !string.Equals(previous.UserAgent, current.UserAgent, StringComparison.Ordinal)) return "device-change";
        return null;
    }

    /// <summary>After a failed or missed check nothing is credited until one passes: a new check is due at once.</summary>
    private void Recheck(LearningSession session, CourseUnit unit, Course course, double position)
    {
        var check = IdentityCheck.Schedule(session.LearnerId, course.Id, unit.Id, session.Id, Math.Round(position, 1), nowUtc);
        check.MarkDue(nowUtc);
        db.Set<IdentityCheck>().Add(check);
        checks.Add(check);
    }

    /// <summary>
    /// Applies an identity decision. A failure voids the credit since the last passed check; the void rows are split
    /// per learning session (so each session's effective time stays true) when the stored rows account for exactly the
    /// ledger's voided amount — otherwise they stay on the current session.
    /// </summary>
    private async Task<(LedgerState, IReadOnlyList<LedgerEntry>)> IdentityDecisionAsync(LedgerState state, LearningSession current, bool passed, LedgerCommand c, CancellationToken ct)
    {
        var decision = LearningLedger.RecordIdentityCheck(state, passed, c.ServerUtc);
        if (decision.Entries.Count == 0) return (decision.State, decision.Entries);
        await FlushAsync(ct);   // inside the batch transaction: earlier rows of this batch become visible
        var since = state.IdentityCheckPassedUtc ?? DateTime.MinValue;
        var credited = LedgerReason.Credited.Code();
        var bySession = await db.Set<LedgerEntryRow>().AsNoTracking()
            .Where(r => r.LearnerId == c.LearnerId && r.Reason == credited && r.ToUtc > since)
            .GroupBy(r => new { r.PlayerSessionId, r.BeijingDay, r.UnitId })
            .Select(g => new { g.Key.PlayerSessionId, g.Key.BeijingDay, g.Key.UnitId, Ms = g.Sum(r => r.DurationMs) }).ToListAsync(ct);
        var expected = (long)Math.Round(-decision.Entries.Sum(e => e.Duration.TotalMilliseconds));
        if (bySession.Sum(g => g.Ms) != expected)
        {
            current.Record(c.ServerUtc, -expected, 0, current.FurthestPosition, accepted: true);
            return (decision.State, decision.Entries);
        }
        foreach (var g in bySession.Where(g => g.Ms != 0))
        {
            var session = g.PlayerSessionId == current.Id ? current
                : sessions.GetValueOrDefault(g.PlayerSessionId) ?? await db.Set<LearningSession>().FindAsync([g.PlayerSessionId], ct);
            session?.Record(session.LastHeartbeatUtc ?? c.ServerUtc, -g.Ms, 0, session.FurthestPosition, accepted: true);
            newRows.Add(LedgerEntryRow.From(new LedgerEntry(since == DateTime.MinValue ? c.ServerUtc : since, c.ServerUtc, g.BeijingDay, g.UnitId,
                g.PlayerSessionId.ToString("N"), 0, TimeSpan.FromMilliseconds(-g.Ms), LedgerReason.FaceCheckFailed, Credited: true), c.LearnerId, current.CourseId, g.PlayerSessionId, nowUtc));
        }
        return (decision.State, []);
    }

    private static class Messages
    {
        public const string Superseded = "本课程已在其他页面或设备上打开，此页面已停止计时。";
        public const string FaceFailed = "人脸核验未通过：上次核验通过以来的学时已作废，请重新核验后继续学习。";
        public const string Cap = "今日有效学时已达上限，继续观看不再计入有效学时。";

        public static string For(LedgerReason reason, bool accepted) => reason switch
        {
            LedgerReason.Credited or LedgerReason.Baseline => "",
            LedgerReason.SecondDevice => Superseded,
            LedgerReason.ParallelCourse => "您正在学习另一个课程单元，一次只能学习一门课程。",
            LedgerReason.NotActivated => "课程访问已关闭或本单元不可播放。",
            LedgerReason.BeyondDuration => "播放位置无效。",
            LedgerReason.Duplicate or LedgerReason.OutOfOrder or LedgerReason.FutureDated => "重复或过期的进度记录，已忽略。",
            LedgerReason.NotPlaying => accepted ? "" : "暂停中，不计时。",
            LedgerReason.Hidden => "页面切出或失去焦点期间不计入有效学时。",
            LedgerReason.Speed => "倍速播放不计入有效学时。",
            LedgerReason.Seek => "不能拖动到尚未观看的位置，跳过的部分不计入学时。",
            LedgerReason.Idle => "超过互动确认时限未操作的时间不计入有效学时。",
            LedgerReason.Gap => "进度上报中断期间的时间不计入有效学时。",
            LedgerReason.Cap => Cap,
            LedgerReason.FaceCheckFailed => FaceFailed,
            _ => "",
        };
    }
}

/// <summary>
/// Appends ledger rows with multi-row INSERT statements on the context's connection and transaction, without change
/// tracking (the rows are never read back or updated by the writer). Columns, table and parameter conversions come from
/// the EF model, so the rows are stored exactly as EF would store them, on SQLite and PostgreSQL alike.
/// </summary>
internal static class LedgerRowInsert
{
    private const int RowsPerStatement = 500;   // 11 parameters a row: below SQLite's and PostgreSQL's parameter limits

    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<LedgerEntryRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(LedgerEntryRow)) ?? throw new InvalidOperationException("LedgerEntryRow is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey())
            .Select(p => (Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping(), Get: p.GetGetter(), p.IsNullable)).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new System.Text.StringBuilder(head, head.Length + chunk.Length * columns.Count * 8);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@p{n++}";
                    text.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, columns[c].Get.GetClrValue(chunk[r]), columns[c].IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>In-memory caches of the ledger writer (one per node). See <see cref="LedgerWriter.Caches"/>.</summary>
internal sealed class LedgerCaches(TimeProvider clock)
{
    private static readonly TimeSpan UnitsFor = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (CourseUnit Unit, Course Course, long At)> units = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid, Guid), byte> completed = new();

    public async Task<(Dictionary<Guid, CourseUnit>, Dictionary<Guid, Course>)> UnitsAsync(AppDbContext db, List<Guid> unitIds, CancellationToken ct)
    {
        var missing = unitIds.Where(id => !units.TryGetValue(id, out var hit) || clock.GetElapsedTime(hit.At) > UnitsFor).ToList();
        if (missing.Count > 0)
        {
            var loaded = await db.Set<CourseUnit>().AsNoTracking().Where(u => missing.Contains(u.Id)).ToListAsync(ct);
            var courseIds = loaded.Select(u => u.CourseId).Distinct().ToList();
            var courses = await db.Set<Course>().AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var u in loaded.Where(u => courses.ContainsKey(u.CourseId))) units[u.Id] = (u, courses[u.CourseId], clock.GetTimestamp());
        }
        var found = unitIds.Where(units.ContainsKey).Select(id => units[id]).ToList();
        return (found.ToDictionary(x => x.Unit.Id, x => x.Unit), found.Select(x => x.Course).DistinctBy(c => c.Id).ToDictionary(c => c.Id));
    }

    public bool IsCompleted(Guid learnerId, Guid unitId) => completed.ContainsKey((learnerId, unitId));

    public void MarkCompleted(Guid learnerId, Guid unitId) => completed.TryAdd((learnerId, unitId), 0);

    public async Task<bool> CompletedInDbAsync(AppDbContext db, Guid learnerId, Guid unitId, CancellationToken ct)
    {
        if (!await db.Set<UnitCompletion>().AnyAsync(x => x.LearnerId == learnerId && x.UnitId == unitId, ct)) return false;
        MarkCompleted(learnerId, unitId);
        return true;
    }
}
