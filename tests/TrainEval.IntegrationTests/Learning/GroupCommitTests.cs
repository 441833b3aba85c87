using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Tracking;
using static TrainEval.IntegrationTests.Learning.LedgerTestKit;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>
/// The ledger writer's group commit (LRN-05): many learners' heartbeats queued at once — with retries (duplicates),
/// reordering, pauses, seeks and speed — are written exactly as the pure <see cref="LearningLedger"/> decides them one
/// by one in arrival order, and the learner states and session totals match.
/// </summary>
public sealed class GroupCommitTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private readonly TestApp app = fixture.App;

    private sealed record Sent(TestPlayer Player, LedgerCommand Command, Task<PlayerFeedback> Answer);

    [Fact]
    public async Task LRN_05_group_commit_writes_what_the_ledger_decides()
    {
        var players = new List<TestPlayer>();
        CourseUnit? unit = null;
        for (var i = 0; i < 5; i++)
        {
            var learner = await LearningFlow.ActivatedLearnerAsync(app, $"{780 + i}");
            unit ??= await VideoUnitAsync(app, learner.ProjectId, 600);
            players.Add(await OpenAsync(app, learner, unit));
        }
        var rules = await app.WithDbAsync(db => db.Set<Course>().AsNoTracking().Where(c => c.Id == unit!.CourseId).Select(c => c.LedgerRules).SingleAsync());
        var ids = players.Select(p => p.Learner.LearnerId).ToList();
        var before = await app.WithDbAsync(async db => await db.Set<LearnerLedger>().AsNoTracking().Where(l => ids.Contains(l.LearnerId))
            .ToDictionaryAsync(l => l.LearnerId, l => LedgerStateJson.Read(l.StateJson)));
        var firstRow = await app.WithDbAsync(db => db.Set<LedgerEntryRow>().MaxAsync(r => (long?)r.Id)) ?? 0;

        // Six rounds 30 s apart; each round's commands are all queued before any answer is awaited.
        var writer = app.Services.GetRequiredService<LedgerWriter>();
        var sent = new List<Sent>();
        for (var round = 0; round < 6; round++)
        {
            for (var i = 0; i < players.Count; i++)
            {
                var p = players[i];
                var seq = round + 1;
                var position = 30.0 * round;
                if (i == 3 && round >= 2) position += 300;                        // seeks past the watched part
                Send(p, seq, position, playing: !(i == 2 && round is 3 or 4), rate: i == 4 && round == 4 ? 2 : 1);
                if (i == 0) Send(p, seq, position);                                 // a retry: duplicate
                if (i == 1 && round >= 1) Send(p, seq - 1, position - 30);          // the previous one arrives late
            }
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        await Task.WhenAll(sent.Select(s => s.Answer));

        var rows = await app.WithDbAsync(db => db.Set<LedgerEntryRow>().AsNoTracking().Where(r => r.Id > firstRow && ids.Contains(r.LearnerId))
            .OrderBy(r => r.Id).ToListAsync());
        var states = await app.WithDbAsync(async db => await db.Set<LearnerLedger>().AsNoTracking().Where(l => ids.Contains(l.LearnerId))
            .ToDictionaryAsync(l => l.LearnerId, l => l.StateJson));
        var sessions = await app.WithDbAsync(async db => await db.Set<LearningSession>().AsNoTracking().Where(s => ids.Contains(s.LearnerId))
            .ToDictionaryAsync(s => s.Id));
        var reasons = new HashSet<string>();
        foreach (var p in players)
        {
            var state = before[p.Learner.LearnerId];
            var expected = new List<LedgerEntry>();
            var answers = new List<PlayerFeedback>();
            foreach (var s in sent.Where(s => s.Player == p))
            {
                var hb = s.Command.Heartbeat!;
                var decision = LearningLedger.Apply(state, new Heartbeat(p.SessionId.ToString("N"), hb.Sequence, hb.ClientTimeUtc, s.Command.ServerUtc, unit!.Id,
                    hb.Position, hb.Playing, hb.Visible, hb.Focused, hb.LastInteractionUtc, hb.PlaybackRate), new UnitInfo(unit.Id, 600, true), rules);
                state = decision.State;
                expected.AddRange(decision.Entries);
                var answer = await s.Answer;
                Assert.Equal(decision.Reason.Code(), answer.Reason);
                Assert.Equal(decision.Accepted, answer.Accepted);
                reasons.Add(answer.Reason);
                answers.Add(answer);
            }
            var written = rows.Where(r => r.LearnerId == p.Learner.LearnerId).ToList();
            Assert.Equal(expected.Select(Key), written.Select(r => (r.Sequence, r.FromUtc, r.ToUtc, r.BeijingDay, r.DurationMs, r.Reason, r.Credited)));
            Assert.All(written, r => Assert.Equal(p.SessionId, r.PlayerSessionId));
            Assert.Equal(LedgerStateJson.Write(state), states[p.Learner.LearnerId]);
            var session = sessions[p.SessionId];
            Assert.Equal(written.Where(r => r.Credited).Sum(r => r.DurationMs), session.CreditedMs);
            Assert.Equal(answers.Count, session.Heartbeats);
            Assert.Equal(answers.Count(a => !a.Accepted), session.Refusals);
        }
        // The script covers what a busy batch mixes: credit, retries, reordering, pause, seek and speed.
        Assert.Superset(new HashSet<string> { "credited", "duplicate", "out-of-order", "not-playing", "seek", "speed" }, reasons);

        void Send(TestPlayer p, long seq, double position, bool playing = true, double rate = 1)
        {
            var command = new LedgerCommand
            {
                Kind = LedgerCommandKind.Heartbeat, LearnerId = p.Learner.LearnerId, PlayerSessionId = p.SessionId, Ip = "203.0.113.7",
                Heartbeat = new HeartbeatInput(seq, DateTime.UnixEpoch, position, playing, Visible: true, Focused: true, LastInteractionUtc: null, rate),
            };
            sent.Add(new Sent(p, command, writer.SubmitAsync(command, CancellationToken.None)));
        }
    }

    [Fact]
    public async Task LRN_05_a_closed_course_reaches_the_writer_of_every_node_at_once()
    {
        // Two nodes: the app's own writer and a second one with its own memory, both on the same database.
        // The other node runs two writer loops (Learning:Ledger:WriterPartitions), so the split by learner is exercised too.
        var twoLoops = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            new Dictionary<string, string?> { ["Learning:Ledger:WriterPartitions"] = "2" }).Build();
        using var other = new LedgerWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerWriter>.Instance, twoLoops);
        Assert.Equal(2, other.Partitions);
        await other.StartAsync(CancellationToken.None);
        try
        {
            var learner = await LearningFlow.ActivatedLearnerAsync(app, "982");
            var unit = await VideoUnitAsync(app, learner.ProjectId, 600);
            var p = await OpenAsync(app, learner, unit);
            Assert.True((await Beat(other, p, 1, 0)).Accepted);
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            var credited = await Beat(other, p, 2, 5);
            Assert.Equal(("credited", true), (credited.Reason, credited.Accepted));

            // A refund closes the course on "this" node (any save of the activation); the other node's writer knows the
            // learner's activations from its memory, yet its very next batch — 5 s later — refuses.
            var versionBefore = await app.WithDbAsync(db => db.Set<LearnerLedger>().Where(l => l.LearnerId == learner.LearnerId).Select(l => l.Version).SingleAsync());
            await app.WithDbAsync(async db =>
            {
                var activation = await db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().SingleAsync(a => a.LearnerId == learner.LearnerId);
                activation.Close("退费", app.Clock.GetUtcNow().UtcDateTime);
                return await db.SaveChangesAsync();
            });
            Assert.Equal(versionBefore + 1,
                await app.WithDbAsync(db => db.Set<LearnerLedger>().Where(l => l.LearnerId == learner.LearnerId).Select(l => l.Version).SingleAsync()));
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            var refused = await Beat(other, p, 3, 10);
            Assert.Equal(("not-activated", false, true), (refused.Reason, refused.Accepted, refused.Stop));
            Assert.Equal(5_000, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);

            // A learner without a state row yet gets one in the initial state (so no writer's first insert slips past).
            var fresh = await LearningFlow.ActivatedLearnerAsync(app, "983");
            var row = await app.WithDbAsync(db => db.Set<LearnerLedger>().AsNoTracking().SingleOrDefaultAsync(l => l.LearnerId == fresh.LearnerId));
            Assert.NotNull(row);
            Assert.Equal(LedgerStateJson.Write(LedgerState.Initial), row.StateJson);
        }
        finally
        {
            await other.StopAsync(CancellationToken.None);
        }

        static Task<PlayerFeedback> Beat(LedgerWriter writer, TestPlayer p, long seq, double position) => writer.SubmitAsync(new LedgerCommand
        {
            Kind = LedgerCommandKind.Heartbeat, LearnerId = p.Learner.LearnerId, PlayerSessionId = p.SessionId, Ip = "203.0.113.7",
            Heartbeat = new HeartbeatInput(seq, DateTime.UnixEpoch, position, true, Visible: true, Focused: true, LastInteractionUtc: null, 1),
        }, CancellationToken.None);
    }

    private static (long, DateTime, DateTime, DateOnly, long, string, bool) Key(LedgerEntry e)
        => (e.Sequence, e.FromUtc, e.ToUtc, e.BeijingDay, (long)Math.Round(e.Duration.TotalMilliseconds), LedgerReasons.Code(e.Reason), e.Credited);
}
