using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// Signs API v3 requests with the merchant private key (SHA256withRSA, PKCS#1 v1.5):
/// message <c>METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n</c>, sent as
/// <c>Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"</c>.
/// Thread-safe; register as a singleton.
/// </summary>
public sealed class WeChatPaySigner : IDisposable
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    private const string NonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly RSA _privateKey;
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    public WeChatPaySigner(WeChatPayOptions options, TimeProvider timeProvider)
        : this(options.MchId, options.MerchantSerialNo, options.MerchantPrivateKeyPem, timeProvider)
    {
    }

    public WeChatPaySigner(string mchId, string merchantSerialNo, string merchantPrivateKeyPem, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mchId);
        ArgumentException.ThrowIfNullOrWhiteSpace(merchantSerialNo);
        ArgumentException.ThrowIfNullOrWhiteSpace(merchantPrivateKeyPem);
        MchId = mchId;
        MerchantSerialNo = merchantSerialNo;
        _clock = timeProvider;
        _privateKey = RSA.Create();
        _privateKey.ImportFromPem(merchantPrivateKeyPem);
    }

    public string MchId { get; }

    public string MerchantSerialNo { get; }

    /// <summary>The Authorization header value for a request, with a fresh nonce and the current time.</summary>
    /// <param name="method">HTTP method, e.g. "POST" (upper-cased).</param>
    /// <param name="canonicalUrl">Absolute path plus query exactly as sent, e.g. "/v3/pay/transactions/out-trade-no/1?mchid=2".</param>
    /// <param name="body">The exact request body; "" for GET.</param>
    public string BuildAuthorization(string method, string canonicalUrl, string body)
        => BuildAuthorization(method, canonicalUrl, body, _clock.GetUtcNow().ToUnixTimeSeconds(), CreateNonce());

    public string BuildAuthorization(string method, string canonicalUrl, string body, long timestamp, string nonce)
    {
        var signature = Sign(BuildRequestMessage(method, canonicalUrl, timestamp, nonce, body));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Scheme} mchid=\"{MchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{MerchantSerialNo}\"");
    }

    /// <summary>Base64 SHA256withRSA signature of <paramref name="message"/> (UTF-8) with the merchant key.</summary>
    public string Sign(string message)
    {
        lock (_gate)
            return SignMessage(_privateKey, message);
    }

    public static string BuildRequestMessage(string method, string canonicalUrl, long timestamp, string nonce, string body)
        => string.Create(CultureInfo.InvariantCulture,
            $"{method.ToUpperInvariant()}\n{canonicalUrl}\n{timestamp}\n{nonce}\n{body}\n");

    /// <summary>The message WeChat signs for responses and notifications: <c>TIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    public static string BuildResponseMessage(string timestamp, string nonce, string body) => $"{timestamp}\n{nonce}\n{body}\n";

    public static string SignMessage(RSA privateKey, string message)
        => Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>32 characters [A-Za-z0-9] from the CSPRNG.</summary>
    public static string CreateNonce(int length = 32) => RandomNumberGenerator.GetString(NonceAlphabet, length);

    public void Dispose() => _privateKey.Dispose();
}
