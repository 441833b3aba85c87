using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>What an autosave checks about its attempt: who owns it, the open entry, the deadline and the paper.</summary>
public sealed record AttemptSaveState(Guid AttemptId, Guid LearnerId, Guid SittingId, AttemptState State, Guid? EntryId, DateTime? DeadlineUtc,
    DateTime? StartedAtUtc, int GraceSeconds, IReadOnlyDictionary<Guid, (LayoutItem Item, ExamQuestionKind Kind)> Items);

/// <summary>
/// Per-node cache of <see cref="AttemptSaveState"/> so an autosave does no reads before the writer (issue 6, P3). The
/// cache may only ever make a save go ahead, never refuse one: every refusal (another entry, locked, past the deadline,
/// in the grace period) is re-checked against a fresh read, and every accepted save is still guarded by the writer's
/// UPSERT, which only writes while the attempt is in progress under the same entry — on any node, whatever this cache
/// holds. A stale entry can therefore only understate the time left for a few seconds after staff grant extra time on
/// another node (deadlines only move later); the node that changes an attempt forgets it at once.
/// </summary>
public sealed class AttemptSaveCache(TimeProvider clock)
{
    /// <summary>
    /// How long the volatile part (state, entry, deadline) is trusted at most; the paper never changes for an attempt. A
    /// candidate saves every few seconds, so at 10 s every fourth save still read the attempt; at 30 s about one in twelve
    /// does. Each entry is trusted for a random share of it (between half and all): entries filled together — every page
    /// of a sitting opens within seconds — would otherwise all expire together and their re-reads queue up every 30 s.
    /// </summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    /// <summary>More attempts than a node serves at once in a large sitting; beyond it the oldest half is dropped.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<Guid, Cached> cache = new();

    private sealed record Cached(AttemptSaveState State, long ReadAt, long? ForgottenAt, TimeSpan TrustFor)
    {
        public bool Stale => ForgottenAt is { } f && f >= ReadAt;
    }

    private static TimeSpan TrustFor() => FreshFor * (0.5 + Random.Shared.NextDouble() / 2);

    /// <param name="database">Called only on a miss: a hit builds no DbContext.</param>
    public async Task<AttemptSaveState?> GetAsync(Func<AppDbContext> database, Guid attemptId, bool fresh, CancellationToken ct)
    {
        if (!fresh && cache.TryGetValue(attemptId, out var hit) && !hit.Stale && clock.GetElapsedTime(hit.ReadAt) < hit.TrustFor) return hit.State;
        var db = database();
        var started = clock.GetTimestamp();
        cache.TryGetValue(attemptId, out var known);
        var a = await db.Set<ExamAttempt>().AsNoTracking().Where(x => x.Id == attemptId)
            .Select(x => new { x.LearnerId, x.SittingId, x.State, x.EntryId, x.DeadlineUtc, x.StartedAtUtc, Layout = known == null ? x.LayoutJson : null })
            .SingleOrDefaultAsync(ct);
        if (a is null) return null;
        IReadOnlyDictionary<Guid, (LayoutItem, ExamQuestionKind)> items;
        int grace;
        if (known is not null)
            (items, grace) = (known.State.Items, known.State.GraceSeconds);
        else
        {
            var parsed = ExamAttempt.ParseLayout(a.Layout!);
            var ids = parsed.Select(l => l.Q).ToList();
            var kinds = await db.Set<ExamQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).Select(q => new { q.Id, q.Kind }).ToDictionaryAsync(q => q.Id, q => q.Kind, ct);
            items = parsed.Where(l => kinds.ContainsKey(l.Q)).ToDictionary(l => l.Q, l => (l, kinds[l.Q]));
            grace = await db.Set<Sitting>().AsNoTracking().Where(s => s.Id == a.SittingId).Select(s => s.GraceSeconds).SingleAsync(ct);
        }
        var state = new AttemptSaveState(attemptId, a.LearnerId, a.SittingId, a.State, a.EntryId, a.DeadlineUtc, a.StartedAtUtc, grace, items);
        Remember(state, started);
        return state;
    }

    /// <summary>
    /// Puts a state read here or elsewhere (the attempt page, which has just read the attempt, its paper and the sitting).
    /// <paramref name="readAt"/> is the timestamp taken before that read: a Forget since then is newer than what was
    /// read, so the entry stays stale until the next read. Only a complete paper is kept (every question with its kind).
    /// </summary>
    public void Remember(AttemptSaveState state, long readAt)
    {
        if (cache.Count >= MaxEntries) Trim();
        cache.AddOrUpdate(state.AttemptId, new Cached(state, readAt, null, TrustFor()), (_, old) => new Cached(state, readAt, old.ForgottenAt, TrustFor()));
    }

    /// <summary>The node that enters, extends, collects, re-sits or submits an attempt forgets it at once.</summary>
    public void Forget(Guid attemptId)
    {
        var now = clock.GetTimestamp();
        while (cache.TryGetValue(attemptId, out var old) && !cache.TryUpdate(attemptId, old with { ForgottenAt = now }, old)) { }
    }

    private void Trim()
    {
        foreach (var (id, _) in cache.OrderBy(e => e.Value.ReadAt).Take(cache.Count / 2).ToList()) cache.TryRemove(id, out _);
    }
}
