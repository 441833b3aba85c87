using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification;

/// <summary>
/// IDV-02 "at login": a learner whose face reference is set up must pass a face check bound to the current login
/// session before using the platform; until then every page redirects to the check. (Learners on the alternative path —
/// no consent, staff-verified — are not asked; the identity page, the check itself, sign-out and static files stay open.)
/// A reviewer's override to "pass" counts as a pass.
/// </summary>
public sealed class LoginCheckGate(RequestDelegate next, IMemoryCache cache, IOptions<VerificationOptions> options)
{
    private static readonly string[] Open = ["/verify", "/api/v1/identity", "/my/identity", "/Accounts", "/css", "/js", "/lib", "/health", "/Error", "/favicon.ico", "/media"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.RequireAtLogin || context.User.Identity?.IsAuthenticated != true || !context.User.IsInRole(Roles.Learner)
            || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || !Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var learnerId))
        {
            await next(context);
            return;
        }
        var sid = context.User.FindFirstValue(LoginSessionGuard.Claim) ?? "";
        if (!await PassedAsync(context, learnerId, sid, context.RequestAborted))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { code = "identity-check-required", message = "请先完成登录人脸核验。" });
                return;
            }
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect("/verify/start/login?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }
        await next(context);
    }

    private async Task<bool> PassedAsync(HttpContext context, Guid learnerId, string sid, CancellationToken ct)
    {
        var key = $"idv-login:{learnerId}:{sid}";
        if (cache.TryGetValue(key, out bool ok) && ok) return true;
        // Resolved only when a query runs: most requests of a signed-in learner are answered from the cache.
        AppDbContext Db() => context.RequestServices.GetRequiredService<AppDbContext>();
        // Only learners with a usable face reference are asked; the answer is cached briefly: for a random 30-60 s, so the
        // entries of learners who signed in together do not expire together (a wave of reads every 30 s in a sitting).
        // Forget clears it on this node when consent or reference change; another node sees the change within 60 s.
        var readyKey = $"idv-ready:{learnerId}";
        if (!cache.TryGetValue(readyKey, out bool ready))
        {
            var consent = await Db().Set<FaceConsent>().AsNoTracking().Where(c => c.LearnerId == learnerId).OrderByDescending(c => c.AtUtc)
                .Select(c => (ConsentDecision?)c.Decision).FirstOrDefaultAsync(ct);
            ready = consent == ConsentDecision.Granted && await Db().Set<FaceReference>().AnyAsync(r => r.LearnerId == learnerId && r.RetiredAtUtc == null, ct);
            cache.Set(readyKey, ready, ReadyFor());
        }
        if (!ready) return true;
        var db = Db();
        var passed = await db.Set<IdentityDecision>().AnyAsync(d => d.LearnerId == learnerId && d.Context == CheckContext.Login && d.ContextRef == sid
            && (d.Outcome == CheckOutcome.Pass
                || db.Set<IdentityReview>().Any(r => r.DecisionId == d.Id && r.Verdict == ReviewVerdict.OverturnedToPass)), ct);
        if (passed) cache.Set(key, true, TimeSpan.FromMinutes(30));
        return passed;
    }

    internal static TimeSpan ReadyFor() => TimeSpan.FromSeconds(30 + Random.Shared.NextDouble() * 30);

    /// <summary>Forget the cached readiness (consent or reference changed).</summary>
    public static void Forget(IMemoryCache cache, Guid learnerId) => cache.Remove($"idv-ready:{learnerId}");
}
