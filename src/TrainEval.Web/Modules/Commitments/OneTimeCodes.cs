using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Modules.Notifications.Public;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>
/// Delivers a signing confirmation code to the learner. A real deployment plugs in an SMS gateway here; this platform
/// has none connected, so the default <see cref="InSiteCodeSender"/> puts the code in the learner's in-site messages
/// (the page says so). Implementations stage the delivery in the caller's unit of work where they can.
/// </summary>
public interface IOneTimeCodeSender
{
    /// <summary>Shown on the signing page: where the learner finds the code.</summary>
    string ChannelDescription { get; }

    Task SendAsync(Guid learnerId, string code, string purpose, int validMinutes, CancellationToken ct);
}

internal sealed class InSiteCodeSender(INotificationsApi notifications) : IOneTimeCodeSender
{
    public string ChannelDescription => "验证码已发送至您的站内消息（本平台未接入短信网关，验证码以站内消息代替短信发送）";

    public Task SendAsync(Guid learnerId, string code, string purpose, int validMinutes, CancellationToken ct)
    {
        notifications.Stage(learnerId, $"签署验证码：{code}",
            $"您正在签署{purpose}，验证码 {code}，{validMinutes} 分钟内有效。请勿将验证码告知他人；如非本人操作，请忽略并联系培训机构。", "/my/messages");
        return Task.CompletedTask;
    }
}

/// <summary>6-digit codes: random, stored as HMAC-SHA256 under a per-signing salt, compared in constant time.</summary>
public static class OneTimeCodes
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);
    public const int MaxAttempts = 5, MaxSends = 5;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string code, string salt)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.UTF8.GetBytes(code)));

    public static bool Matches(string? code, string salt, string hash)
    {
        code = (code ?? "").Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || salt.Length == 0 || hash.Length == 0) return false;
        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash(code, salt)), Convert.FromHexString(hash));
    }
}
