using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
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

/// <summary>
/// One candidate: their attempt as seeded, its entry (seeded, or the one the Enter POST issued; empty until then), its
/// layout, the sign-in cookie their browser would hold and the antiforgery pair of the door page's form.
/// </summary>
internal sealed record BenchCandidate(Guid LearnerId, Guid AttemptId, Guid EntryId, IReadOnlyList<LayoutItem> Layout, BenchAccount Account)
{
    public Guid EntryId { get; set; } = EntryId;
    public string Cookie { get; set; } = "";
    /// <summary>The antiforgery cookie (<c>te.af=…</c>) and the form's <c>__RequestVerificationToken</c> the door page would have issued.</summary>
    public string AntiforgeryCookie { get; set; } = "";
    public string FormToken { get; set; } = "";
}

/// <summary>What the sign-in cookie carries of the account.</summary>
internal sealed record BenchAccount(string UserName, string Stamp, string RealName, string Sid);

/// <summary>
/// The exam rows the start, autosave and submit paths read, seeded in bulk (binary COPY, columns from the EF model) into
/// the benchmark database: learner accounts, a bank of single-choice questions, a fixed paper with shuffled questions and
/// options, one open sitting, its candidates and their attempts. With <c>throughGate</c> (P2 "enter") the attempts are
/// <b>ready</b> as the pre-create job leaves them and every row the entry gate reads is seeded (<see cref="JourneySeed"/>),
/// so the Enter POST starts them; without it the attempts are <b>already started and entered</b> (State InProgress,
/// deadline stored, EntryId set, page not yet shown) — what passing the gate leaves behind — and the gate is not seeded.
/// </summary>
internal static class ExamSeed
{
    /// <summary>The app's antiforgery cookie name (Platform/PlatformServices.cs).</summary>
    public const string AntiforgeryCookieName = "te.af";

    public static async Task<(Guid SittingId, IReadOnlyList<BenchCandidate> Candidates)> SeedAsync(BenchDatabase database, KeyRing keys, int count, int questions,
        DateTime nowUtc, bool throughGate, int learningMinutes)
    {
        await using var db = database.Context();
        var journey = throughGate ? await JourneySeed.ProjectAsync(db, nowUtc, learningMinutes) : null;
        var staff = journey?.Staff ?? Guid.CreateVersion7();
        var institution = journey?.EvaluationInstitutionId ?? Guid.CreateVersion7();
        var projectId = journey?.Project.Id ?? Guid.CreateVersion7();
        var bank = QuestionBank.Create(institution, projectId, "压测题库", nowUtc);
        var items = Enumerable.Range(1, questions).Select(i => ExamQuestion.Create(bank.Id, $"知识点{i % 10}", ExamQuestionKind.Single,
            $"压测单选题 {i}：游泳池水质检测中，下列哪一项做法正确？", ["选项甲", "选项乙", "选项丙", "选项丁"], "0", "", 1m, staff, nowUtc)).ToList();
        var paper = ExamPaper.Create(bank.Id, projectId, "压测试卷", "理论知识", PaperMode.Fixed, [.. items.Select(q => q.Id)], [], questions * 0.6m,
            shuffleQuestions: true, shuffleOptions: true, staff, nowUtc);
        // Open since 5 minutes, ends in 4 hours; each candidate has 3 hours from their start; no early-submission minimum.
        // Through the gate, late entry closes 60 minutes after the start (not 30) so a long seeding and warm-up of a full
        // run still enter in time; attempts are prepared 30 minutes before the start, as the pre-create job does.
        var starts = nowUtc.AddMinutes(-5);
        var sitting = Sitting.Create(projectId, institution, "压测批次", "理论知识", "压测场次", false, paper.Id, starts, nowUtc.AddHours(4),
            180, throughGate ? 60 : 30, 0, 30, SittingAdmin.DefaultRules, staff, nowUtc.AddDays(-1));
        var prepared = throughGate ? starts.AddMinutes(-30) : nowUtc.AddMinutes(-40);
        sitting.MarkPrepared(prepared);
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
            var attempt = ExamAttempt.Prepare(sitting.Id, projectId, user.Id, 1, layout, prepared);
            var entry = Guid.Empty;
            if (!throughGate)
            {
                attempt.Start(nowUtc.AddMinutes(-1), nowUtc.AddMinutes(-1).AddMinutes(sitting.DurationMinutes));
                entry = attempt.Enter(nowUtc.AddMinutes(-1));
            }
            attempts.Add(attempt);
            result.Add(new BenchCandidate(user.Id, attempt.Id, entry, layout, new BenchAccount(user.UserName!, user.SecurityStamp!, user.RealName, user.LoginSessionId)));
        }
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await BenchDatabase.CopyAsync(db, conn, users);
        await BenchDatabase.CopyAsync(db, conn, candidates);
        await BenchDatabase.CopyAsync(db, conn, attempts);
        if (journey is not null) await JourneySeed.LearnersAsync(db, conn, journey, sitting, users, learningMinutes, nowUtc);
        // The seeded rows stand for data written days or weeks before the exam, long since vacuumed: without VACUUM every
        // first read of a freshly copied row sets its hint bits (a write), and index-only scans fall back to the heap.
        // VACUUM can only mark pages all-visible once no older snapshot is open (the copies just committed may still be
        // seen by one), so it repeats until the ledger's pages are all-visible.
        for (var round = 0; ; round++)
        {
            await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", conn) { CommandTimeout = 600 }) await analyze.ExecuteNonQueryAsync();
            await using var check = new NpgsqlCommand("SELECT relallvisible::float8 / GREATEST(relpages, 1) FROM pg_class WHERE relname = 'learning_ledger_entries'", conn);
            var visible = Convert.ToDouble(await check.ExecuteScalarAsync() ?? 1.0, System.Globalization.CultureInfo.InvariantCulture);
            if (visible >= 0.99 || round >= 20) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return (sitting.Id, result);
    }

    /// <summary>
    /// The sign-in cookie (te.auth) each candidate would get from the login page, minted with the app's Data Protection keys:
    /// the claims of the app's claims factory for a learner (id, name, security stamp, real name, login session, role and
    /// its permissions), issued now. The cookie handler and the login-session guard check it on every request as usual.
    /// Also the antiforgery pair a page with a form (the door) would issue to that user: the cookie token (te.af, the app's
    /// cookie name) and the request token bound to it and to the user's id claim — made by ASP.NET Core's own antiforgery
    /// service with the app's keys and application name, and validated by the app on the Enter POST as for a browser.
    /// </summary>
    public static async Task MintCookiesAsync(IReadOnlyList<BenchCandidate> candidates, string keysPath)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("TrainEval").PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        await using var provider = services.BuildServiceProvider();
        var antiforgery = provider.GetRequiredService<IAntiforgery>();
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
            var tokens = antiforgery.GetTokens(new DefaultHttpContext { User = ticket.Principal, RequestServices = provider });
            c.AntiforgeryCookie = $"{AntiforgeryCookieName}={tokens.CookieToken}";
            c.FormToken = tokens.RequestToken!;
        }
    }
}
