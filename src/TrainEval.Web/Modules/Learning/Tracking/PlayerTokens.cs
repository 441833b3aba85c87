using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>What a player page's token proves: which learning session, learner and login session it was issued to.</summary>
public sealed record PlayerTicket(Guid PlayerSessionId, Guid LearnerId, string LoginSessionId, DateTime ExpiresUtc);

/// <summary>
/// Tokens the player sends with every heartbeat: authenticated encryption by ASP.NET Data Protection (shared key ring,
/// so any node can read them), bound to the learning session, learner and login session, valid for 12 hours.
/// </summary>
public sealed class PlayerTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly IDataProtector protector = provider.CreateProtector("TrainEval.Learning.PlayerToken.v1");

    public string Issue(Guid playerSessionId, Guid learnerId, string loginSessionId)
    {
        var expires = clock.GetUtcNow().UtcDateTime + Lifetime;
        var payload = string.Join('|', playerSessionId.ToString("N"), learnerId.ToString("N"), loginSessionId,
            expires.Ticks.ToString(CultureInfo.InvariantCulture));
        return protector.Protect(payload);
    }

    /// <summary>The ticket, or null when the token is forged, damaged or expired.</summary>
    public PlayerTicket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        string payload;
        try { payload = protector.Unprotect(token); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
        catch (FormatException) { return null; }
        var parts = payload.Split('|');
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out var session) || !Guid.TryParseExact(parts[1], "N", out var learner)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            return null;
        var expires = new DateTime(ticks, DateTimeKind.Utc);
        return expires <= clock.GetUtcNow().UtcDateTime ? null : new PlayerTicket(session, learner, parts[2], expires);
    }
}
