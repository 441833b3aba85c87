using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Auth;

/// <summary>
/// One active login per learner account (LRN-03). Every full sign-in (password, two-factor, registration) gives the account a
/// new login session id, stored on the account and carried as a claim in the cookie; a cookie whose id is no longer the
/// account's is refused on its next request ("signed in elsewhere"). Signing out clears the id, so pages left open
/// stop working too. Lookups are cached briefly per node; the node that signs in updates its cache at once. Cache misses
/// that arrive while a lookup is running are answered together by the next one (one query for many accounts), so a burst
/// of heartbeats from thousands of learners costs a few queries, not one scope and query each.
/// </summary>
public sealed class LoginSessionGuard(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Claim = "te:sid";
    public const string SignedOutElsewhereItem = "te.signed-in-elsewhere";
    // Heartbeats come every 30 s per learner; the node that signs in updates its entry at once, other nodes within a minute.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private const int MaxPerQuery = 500;
    private readonly ConcurrentDictionary<Guid, (string Sid, long At)> cache = new();
    private BatchedLookup<Guid, string>? lookup;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public void Remember(Guid userId, string sid) => cache[userId] = (sid, clock.GetTimestamp());

    /// <summary>Whether <paramref name="sid"/> is the account's current login session.</summary>
    public async Task<bool> IsCurrentAsync(Guid userId, string? sid, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sid)) return false;
        return string.Equals(await CurrentAsync(userId, ct), sid, StringComparison.Ordinal);
    }

    public Task<string> CurrentAsync(Guid userId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(userId, out var hit) && clock.GetElapsedTime(hit.At) < CacheFor) return Task.FromResult(hit.Sid);
        return LookUpAsync(userId, ct);
    }

    private async Task<string> LookUpAsync(Guid userId, CancellationToken ct)
        => await LazyInitializer.EnsureInitialized(ref lookup, () => new BatchedLookup<Guid, string>(LoadAsync)).GetAsync(userId, ct) ?? "";

    private async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(IReadOnlyList<Guid> userIds)
    {
        var started = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = new Dictionary<Guid, string>(userIds.Count);
        foreach (var chunk in userIds.Chunk(MaxPerQuery))
        {
            var ids = chunk.ToList();
            foreach (var u in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.LoginSessionId }).ToListAsync())
                found[u.Id] = u.LoginSessionId;
        }
        foreach (var id in userIds)
        {
            // A sign-in on this node while the query ran is newer than what the query read.
            var sid = found.GetValueOrDefault(id) ?? "";
            found[id] = cache.AddOrUpdate(id, (sid, started), (_, old) => old.At > started ? old : (sid, started)).Sid;
        }
        return found;
    }

    /// <summary>Cookie validation: refuses a principal whose login session was replaced or ended.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        // Identity's stamp check only acts once ValidationInterval has passed since the cookie was issued, but resolving it
        // builds SignInManager, UserManager and a DbContext on every request. Resolve it only when it will act.
        if (StampCheckDue(ctx)) await SecurityStampValidator.ValidatePrincipalAsync(ctx);
        if (ctx.Principal?.Identity?.IsAuthenticated != true) return;
        // LRN-03 is a learning rule: learners get one device. Staff may work from several (their actions are audited).
        if (!ctx.Principal.IsInRole(Roles.Learner)) return;
        var guard = ctx.HttpContext.RequestServices.GetRequiredService<LoginSessionGuard>();
        var id = ctx.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (Guid.TryParse(id, out var userId) && await guard.IsCurrentAsync(userId, ctx.Principal.FindFirstValue(Claim), ctx.HttpContext.RequestAborted))
            return;
        ctx.RejectPrincipal();
        ctx.HttpContext.Items[SignedOutElsewhereItem] = true;
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>The same test as <see cref="SecurityStampValidator{TUser}.ValidateAsync"/>: no issue time, or older than the interval.</summary>
    internal static bool StampCheckDue(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Properties.IssuedUtc is not { } issued) return true;
        var options = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return now - issued > options.ValidationInterval;
    }
}

