using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TrainEval.Bench.Heartbeats;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Bench.Exams;

/// <summary>One candidate: their attempt as seeded (started, entered), its layout and the sign-in cookie their browser would hold.</summary>
internal sealed record BenchCandidate(Guid LearnerId, Guid AttemptId, Guid EntryId, IReadOnlyList<LayoutItem> Layout, BenchAccount Account)
{
    public string Cookie { get; set; } = "";
}

/// <summary>What the sign-in cookie carries of the account.</summary>
internal sealed record BenchAccount(string UserName, string Stamp, string RealName, string Sid);

/// <summary>
/// The exam rows the start, autosave and submit paths read, seeded in bulk (binary COPY, columns from the EF model) into
/// the benchmark database: learner accounts, a bank of single-choice questions, a fixed paper with shuffled questions and
/// options, one open sitting, its candidates, and attempts <b>already started and entered</b> (State InProgress, deadline
/// stored, EntryId set, page not yet shown) — what passing the entry gate (journey, identity decision, exam commitment)
/// leaves behind. The gate itself is not seeded and not measured.
/// </summary>
internal static class ExamSeed
{
    public static async Task<(Guid SittingId, IReadOnlyList<BenchCandidate> Candidates)> SeedAsync(BenchDatabase database, KeyRing keys, int count, int questions, DateTime nowUtc)
    {
        await using var db = database.Context();
        var staff = Guid.CreateVersion7();
        var institution = Guid.CreateVersion7();
        var projectId = Guid.CreateVersion7();
        var bank = QuestionBank.Create(institution, projectId, "压测题库", nowUtc);
        var items = Enumerable.Range(1, questions).Select(i => ExamQuestion.Create(bank.Id, $"知识点{i % 10}", ExamQuestionKind.Single,
            $"压测单选题 {i}：游泳池水质检测中，下列哪一项做法正确？", ["选项甲", "选项乙", "选项丙", "选项丁"], "0", "", 1m, staff, nowUtc)).ToList();
        var paper = ExamPaper.Create(bank.Id, projectId, "压测试卷", "理论知识", PaperMode.Fixed, [.. items.Select(q => q.Id)], [], questions * 0.6m,
            shuffleQuestions: true, shuffleOptions: true, staff, nowUtc);
        // Open since 5 minutes, ends in 4 hours; each candidate has 3 hours from their start; no early-submission minimum.
        var sitting = Sitting.Create(projectId, institution, "压测批次", "理论知识", "压测场次", false, paper.Id, nowUtc.AddMinutes(-5), nowUtc.AddHours(4),
            180, 30, 0, 30, SittingAdmin.DefaultRules, staff, nowUtc.AddDays(-1));
        sitting.MarkPrepared(nowUtc.AddMinutes(-40));
        db.AddRange(bank, paper, sitting);
        db.AddRange(items);
        await db.SaveChangesAsync();

        var registry = new RealNameRegistry(db, new FieldProtector(keys), new BlindIndex(keys),
            new AuditLog(db, new CurrentUser(new HttpContextAccessor()), TimeProvider.System));
        var rng = new Random(20261126);
        var users = new List<AppUser>(count);
        var candidates = new List<SittingCandidate>(count);
        var attempts = new List<ExamAttempt>(count);
        var result = new List<BenchCandidate>(count);
        for (var i = 0; i < count; i++)
        {
            var user = BenchDatabase.NewLearner(registry, i, nowUtc);
            users.Add(user);
            candidates.Add(SittingCandidate.Create(sitting.Id, user.Id, staff, nowUtc.AddDays(-1)));
            var layout = PaperLayout.Build(paper, items, rng);
            var attempt = ExamAttempt.Prepare(sitting.Id, projectId, user.Id, 1, layout, nowUtc.AddMinutes(-40));
            attempt.Start(nowUtc.AddMinutes(-1), nowUtc.AddMinutes(-1).AddMinutes(sitting.DurationMinutes));
            var entry = attempt.Enter(nowUtc.AddMinutes(-1));
            attempts.Add(attempt);
            result.Add(new BenchCandidate(user.Id, attempt.Id, entry, layout, new BenchAccount(user.UserName!, user.SecurityStamp!, user.RealName, user.LoginSessionId)));
        }
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await BenchDatabase.CopyAsync(db, conn, users);
        await BenchDatabase.CopyAsync(db, conn, candidates);
        await BenchDatabase.CopyAsync(db, conn, attempts);
        await using (var analyze = new NpgsqlCommand("ANALYZE", conn)) await analyze.ExecuteNonQueryAsync();
        return (sitting.Id, result);
    }

    /// <summary>
    /// The sign-in cookie (te.auth) each candidate would get from the login page, minted with the app's Data Protection keys:
    /// the claims of the app's claims factory for a learner (id, name, security stamp, real name, login session, role and
    /// its permissions), issued now. The cookie handler and the login-session guard check it on every request as usual.
    /// </summary>
    public static async Task MintCookiesAsync(IReadOnlyList<BenchCandidate> candidates, string keysPath)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("TrainEval").PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        await using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2");
        var format = new TicketDataFormat(protector);
        var now = TimeProvider.System.GetUtcNow();
        var identityOptions = new IdentityOptions();
        foreach (var c in candidates)
        {
            var a = c.Account;
            var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role);
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, c.LearnerId.ToString()));
            identity.AddClaim(new Claim(ClaimTypes.Name, a.UserName));
            identity.AddClaim(new Claim(identityOptions.ClaimsIdentity.SecurityStampClaimType, a.Stamp));
            identity.AddClaim(new Claim(AppClaims.RealName, a.RealName));
            identity.AddClaim(new Claim(LoginSessionGuard.Claim, a.Sid));
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Learner));
            foreach (var perm in RolePermissions.For(Roles.Learner)) identity.AddClaim(new Claim(AppClaims.Permission, perm));
            var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
                new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(8), IsPersistent = false }, IdentityConstants.ApplicationScheme);
            c.Cookie = "te.auth=" + format.Protect(ticket);
            if (c.Cookie.Length > 4000) throw new InvalidOperationException("The minted cookie would be chunked; extend the bench.");
        }
    }
}
