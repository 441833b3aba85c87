using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Bench.Heartbeats;

/// <summary>One simulated learner: the rows the heartbeat path reads, and the token its player page would hold.</summary>
internal sealed record BenchLearner(Guid LearnerId, Guid SessionId, string LoginSessionId)
{
    public string Token { get; set; } = "";
}

/// <summary>
/// A fresh database in the PostgreSQL cluster named by TRAINEVAL_BENCH_PG, seeded in bulk (binary COPY) with the rows
/// a heartbeat needs: learner accounts, one project/course/video unit, open activations, learning sessions and signed-in
/// ledger states. Rows are built with the domain factories and copied column by column from the EF model, so the seed
/// follows the schema.
/// </summary>
internal sealed class BenchDatabase(string server, string name, KeyRing keys)
{
    /// <summary>Replaced by each learner's session token in the ledger state template (see <see cref="SignedInJsonTemplate"/>).</summary>
    private const string TokenPlaceholder = "BENCHSESSIONTOKENPLACEHOLDER";

    public string ConnectionString { get; } = $"{server};Database={name}";

    public async Task CreateAsync()
    {
        await using var conn = new NpgsqlConnection($"{server};Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection($"{server};Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Server version and the durability settings that decide what the figures mean.</summary>
    public async Task<string> DescribeServerAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        var parts = new List<string>();
        foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "shared_buffers", "max_connections" })
        {
            await using var cmd = new NpgsqlCommand($"SHOW {setting}", conn);
            parts.Add($"{setting}={await cmd.ExecuteScalarAsync()}");
        }
        return string.Join(", ", parts);
    }

    /// <summary>The postmaster's process id when the server runs on this machine (parent of our backend), else null.</summary>
    public async Task<int?> PostmasterPidAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
        var backend = (int)(await cmd.ExecuteScalarAsync())!;
        var status = $"/proc/{backend}/status";
        if (!File.Exists(status)) return null;
        var ppid = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
        return ppid is null ? null : int.Parse(ppid[5..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal PostgresAppDbContext Context() => new(
        new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString, s => s.MigrationsHistoryTable("__ef_migrations"))
            .UseAuditChain(new AuditChain(keys)).Options);

    public async Task<IReadOnlyList<BenchLearner>> SeedAsync(int count, DateTime nowUtc)
    {
        await using var db = Context();
        var trainingId = Guid.CreateVersion7();
        var project = Project.Create("BENCH-HB", "心跳压测项目", "社会体育指导员", "4-13-04-01", 4, "压测", "heartbeat benchmark", trainingId,
            Guid.CreateVersion7(), nowUtc);
        var course = Course.Create(project.Id, trainingId, "心跳压测课程", "heartbeat benchmark", nowUtc);
        var section = CourseSection.Create(course.Id, 1, "压测章节", "");
        var unit = CourseUnit.Create(course.Id, section.Id, 1, UnitKind.Video, "压测视频", "", required: true, Guid.Empty, nowUtc);
        unit.AttachFile("bench/heartbeat.mp4", new string('0', 64), 1_000_000, "video/mp4", durationSeconds: 4 * 3600);
        db.AddRange(project, course, section, unit);
        await db.SaveChangesAsync();

        var registry = new RealNameRegistry(db, new FieldProtector(keys), new BlindIndex(keys),
            new AuditLog(db, new CurrentUser(new HttpContextAccessor()), TimeProvider.System));
        var users = new List<AppUser>(count);
        var learners = new List<BenchLearner>(count);
        var activations = new List<CourseActivation>(count);
        var sessions = new List<LearningSession>(count);
        var states = new List<LearnerLedger>(count);
        var template = SignedInJsonTemplate(nowUtc);
        for (var i = 0; i < count; i++)
        {
            var user = NewLearner(registry, i, nowUtc);
            users.Add(user);
            activations.Add(CourseActivation.Open(Guid.CreateVersion7(), user.Id, project.Id, learningDays: 180, replayDays: 365, nowUtc));
            var session = LearningSession.Start(user.Id, course.Id, project.Id, unit.Id, user.LoginSessionId, "127.0.0.1", "TrainEvalBench/1.0", false, nowUtc);
            sessions.Add(session);
            states.Add(LearnerLedger.Create(user.Id, template.Replace(TokenPlaceholder, session.Id.ToString("N"), StringComparison.Ordinal), nowUtc));
            learners.Add(new BenchLearner(user.Id, session.Id, user.LoginSessionId));
        }

        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await CopyAsync(db, conn, users);
        await CopyAsync(db, conn, activations);
        await CopyAsync(db, conn, sessions);
        await CopyAsync(db, conn, states);
        await using (var analyze = new NpgsqlCommand("ANALYZE", conn)) await analyze.ExecuteNonQueryAsync();
        return learners;
    }

    /// <summary>A learner account as registration makes it: real name, a valid unique mainland ID number, a phone, a login session.</summary>
    internal static AppUser NewLearner(RealNameRegistry registry, int i, DateTime nowUtc)
    {
        var userName = $"bench.learner{i:D6}";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), RealName = $"压测学员{i:D6}",
            IsLearner = true, CreatedAtUtc = nowUtc, LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(), LoginSessionId = LoginSessionGuard.NewId(),
        };
        // Valid, unique mainland ID numbers: one birth date per 900 learners, sequence 100..999.
        var first17 = "440106" + new DateOnly(1970, 1, 1).AddDays(i / 900).ToString("yyyyMMdd") + (100 + i % 900).ToString("D3");
        registry.SetIdentity(user, IdDocumentType.MainlandId, first17 + IdNumberValidator.CheckDigit(first17));
        registry.SetPhone(user, $"139{i:D8}");
        return user;
    }

    /// <summary>
    /// Signs the learners in again on their learning sessions (what opening the player page does): the next heartbeat is
    /// a baseline and the interaction check restarts. Run between phases, while no request is in flight.
    /// </summary>
    public async Task SignInAsync(IReadOnlyList<BenchLearner> learners, DateTime nowUtc)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            UPDATE learning_ledger_states l
            SET "StateJson" = replace(@template, @placeholder, replace(s."Id"::text, '-', '')), "Version" = l."Version" + 1, "UpdatedAtUtc" = @now
            FROM learning_sessions s WHERE s."LearnerId" = l."LearnerId" AND l."LearnerId" = ANY(@learners)
            """, conn);
        cmd.Parameters.AddWithValue("learners", learners.Select(l => l.LearnerId).ToArray());
        cmd.Parameters.AddWithValue("template", SignedInJsonTemplate(nowUtc));
        cmd.Parameters.AddWithValue("placeholder", TokenPlaceholder);
        cmd.Parameters.AddWithValue("now", nowUtc);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Group-commit batches of the ledger writer in a time window: every batch stamps its rows with one RecordedAtUtc, and
    /// a command writes at least one row carrying its (session, sequence).
    /// </summary>
    public async Task<BatchStats> BatchStatsAsync(DateTime fromUtc, DateTime toUtc)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), coalesce(avg(n), 0), coalesce(max(n), 0), coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY n), 0), coalesce(sum(rows), 0)
            FROM (SELECT count(DISTINCT ("PlayerSessionId", "Sequence")) AS n, count(*) AS rows FROM learning_ledger_entries
                  WHERE "RecordedAtUtc" >= @from AND "RecordedAtUtc" < @to GROUP BY "RecordedAtUtc") b
            """, conn);
        cmd.Parameters.AddWithValue("from", fromUtc);
        cmd.Parameters.AddWithValue("to", toUtc);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new BatchStats(r.GetInt64(0), Convert.ToDouble(r.GetValue(1)), r.GetInt64(2), r.GetDouble(3), r.GetInt64(4));
    }

    private static string SignedInJsonTemplate(DateTime nowUtc)
    {
        var json = LedgerStateJson.Write(LearningLedger.SignIn(LedgerState.Initial, TokenPlaceholder, nowUtc));
        if (json.Split(TokenPlaceholder).Length != 2) throw new InvalidOperationException("The ledger state JSON does not carry the session token verbatim.");
        return json;
    }

    /// <summary>Binary COPY of entities into their table, columns and value conversions taken from the EF model.</summary>
    internal static async Task CopyAsync<T>(AppDbContext db, NpgsqlConnection conn, IEnumerable<T> rows) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.ValueGenerated != ValueGenerated.Never && p.ClrType == typeof(long) || p.ClrType == typeof(int) && p.IsPrimaryKey()))
            .Select(p =>
            {
                if (p.IsShadowProperty()) throw new NotSupportedException($"{typeof(T).Name}.{p.Name} is a shadow property.");
                var type = p.GetColumnType(table);
                var paren = type.IndexOf('(');
                return (Property: p, Name: p.GetColumnName(table)!, Type: paren < 0 ? type : type[..paren], Converter: p.GetTypeMapping().Converter);
            }).ToList();
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await conn.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var c in columns)
            {
                var value = c.Property.PropertyInfo is { } pi ? pi.GetValue(row) : c.Property.FieldInfo!.GetValue(row);
                if (value is not null && c.Converter is not null) value = c.Converter.ConvertToProvider(value);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value, c.Type);
            }
        }
        await importer.CompleteAsync();
    }
}

internal sealed record BatchStats(long Batches, double AverageCommands, long MaxCommands, double MedianCommands, long Rows);
