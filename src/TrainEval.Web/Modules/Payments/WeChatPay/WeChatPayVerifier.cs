using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>Names of the headers WeChat Pay signs responses and notifications with.</summary>
public static class WeChatPayHeaders
{
    public const string Timestamp = "Wechatpay-Timestamp";
    public const string Nonce = "Wechatpay-Nonce";
    public const string Signature = "Wechatpay-Signature";
    public const string Serial = "Wechatpay-Serial";
    public const string SignatureType = "Wechatpay-Signature-Type";
    public const string RequestId = "Request-ID";
}

/// <summary>Why a response or notification was refused. Codes are stable: they go into audit records.</summary>
public enum WeChatPayRejection
{
    /// <summary>Wechatpay-Timestamp, -Nonce, -Signature or -Serial is missing or empty.</summary>
    MissingHeader = 1,

    /// <summary>Wechatpay-Timestamp is further than MaxClockSkew from our clock (past or future).</summary>
    StaleTimestamp = 2,

    /// <summary>Wechatpay-Serial is neither a configured platform certificate nor the configured public key ID.</summary>
    UnknownSerial = 3,

    /// <summary>The signature does not verify, or is WeChat's "WECHATPAY/SIGNTEST/" probe.</summary>
    BadSignature = 4,

    /// <summary>A header or the body cannot be parsed (timestamp not a number, signature not base64, body not JSON…).</summary>
    Malformed = 5,

    /// <summary>Notification only: AEAD_AES_256_GCM authentication failed (wrong key, tampered ciphertext/associated data/nonce).</summary>
    DecryptionFailed = 6,

    /// <summary>Notification only: the decrypted resource's mchid is not our MchId.</summary>
    MerchantMismatch = 7,

    /// <summary>Notification only: verified, but event_type is not one we handle.</summary>
    UnsupportedEvent = 8,
}

/// <summary>Outcome of <see cref="WeChatPayVerifier.Verify(string?, string?, string?, string?, string)"/>.</summary>
public sealed record WeChatPayVerification(WeChatPayRejection? Rejection, string? Detail)
{
    public static readonly WeChatPayVerification Valid = new(null, null);

    public bool IsValid => Rejection is null;

    public static WeChatPayVerification Fail(WeChatPayRejection rejection, string detail) => new(rejection, detail);
}

/// <summary>
/// Verifies WeChat Pay's signature on an API response or a notification: SHA256withRSA over
/// <c>TIMESTAMP\nNONCE\nBODY\n</c> with the platform certificate / 微信支付公钥 named by Wechatpay-Serial,
/// and a timestamp within <see cref="WeChatPayOptions.MaxClockSkew"/> of the <see cref="TimeProvider"/>.
/// Verify against the raw body exactly as received. Thread-safe; register as a singleton.
/// </summary>
public sealed class WeChatPayVerifier : IDisposable
{
    public const string SignatureProbePrefix = "WECHATPAY/SIGNTEST/";

    private readonly Dictionary<string, PlatformKey> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxClockSkew;

    /// <summary>Loads every configured platform certificate and the 微信支付公钥 (if any).</summary>
    /// <exception cref="CryptographicException">A configured PEM cannot be read (a configuration bug; run Validate()).</exception>
    public WeChatPayVerifier(WeChatPayOptions options, TimeProvider timeProvider)
    {
        _clock = timeProvider;
        _maxClockSkew = options.MaxClockSkew;

        foreach (var certificate in options.PlatformCertificates)
        {
            using var x509 = WeChatPayOptions.TryLoadCertificate(certificate.CertificatePem)
                ?? throw new CryptographicException("A configured WeChat Pay platform certificate is not a valid X.509 PEM.");
            var rsa = x509.GetRSAPublicKey() ?? throw new CryptographicException("A WeChat Pay platform certificate is not RSA.");
            var serial = string.IsNullOrWhiteSpace(certificate.SerialNo) ? x509.SerialNumber : certificate.SerialNo.Trim();
            Add(serial, rsa);
        }

        if (!string.IsNullOrWhiteSpace(options.PlatformPublicKeyId) && !string.IsNullOrWhiteSpace(options.PlatformPublicKeyPem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(options.PlatformPublicKeyPem);
            Add(options.PlatformPublicKeyId.Trim(), rsa);
        }
    }

    /// <summary>Serials (certificate serials and/or the PUB_KEY_ID_…) this verifier accepts.</summary>
    public IReadOnlyCollection<string> KnownSerials => _keys.Keys;

    /// <summary>Verifies with the four Wechatpay-* header values and the raw body.</summary>
    public WeChatPayVerification Verify(string? timestamp, string? nonce, string? signature, string? serial, string body)
    {
        if (string.IsNullOrWhiteSpace(timestamp))
            return WeChatPayVerification.Fail(WeChatPayRejection.MissingHeader, WeChatPayHeaders.Timestamp);
        if (string.IsNullOrWhiteSpace(nonce))
            return WeChatPayVerification.Fail(WeChatPayRejection.MissingHeader, WeChatPayHeaders.Nonce);
        if (string.IsNullOrWhiteSpace(signature))
            return WeChatPayVerification.Fail(WeChatPayRejection.MissingHeader, WeChatPayHeaders.Signature);
        if (string.IsNullOrWhiteSpace(serial))
            return WeChatPayVerification.Fail(WeChatPayRejection.MissingHeader, WeChatPayHeaders.Serial);

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return WeChatPayVerification.Fail(WeChatPayRejection.Malformed, $"{WeChatPayHeaders.Timestamp} is not a Unix time in seconds");

        var skew = DateTimeOffset.FromUnixTimeSeconds(seconds) - _clock.GetUtcNow();
        if (skew.Duration() > _maxClockSkew)
            return WeChatPayVerification.Fail(WeChatPayRejection.StaleTimestamp,
                string.Create(CultureInfo.InvariantCulture, $"timestamp is {skew.TotalSeconds:0} s from our clock (max {_maxClockSkew.TotalSeconds:0} s)"));

        if (signature.StartsWith(SignatureProbePrefix, StringComparison.Ordinal))
            return WeChatPayVerification.Fail(WeChatPayRejection.BadSignature, "WeChat Pay signature probe (WECHATPAY/SIGNTEST/)");

        if (!_keys.TryGetValue(serial.Trim(), out var key))
            return WeChatPayVerification.Fail(WeChatPayRejection.UnknownSerial, $"{WeChatPayHeaders.Serial} {Truncate(serial)} is not configured");

        var signatureBytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature.Trim(), signatureBytes, out var written))
            return WeChatPayVerification.Fail(WeChatPayRejection.Malformed, $"{WeChatPayHeaders.Signature} is not base64");

        var message = Encoding.UTF8.GetBytes(WeChatPaySigner.BuildResponseMessage(timestamp, nonce, body));
        return key.Verify(message, signatureBytes.AsSpan(0, written))
            ? WeChatPayVerification.Valid
            : WeChatPayVerification.Fail(WeChatPayRejection.BadSignature, "signature does not verify");
    }

    /// <summary>Verifies with headers looked up by name (e.g. <c>name => request.Headers[name].ToString()</c>); empty means missing.</summary>
    public WeChatPayVerification Verify(Func<string, string?> header, string body)
        => Verify(header(WeChatPayHeaders.Timestamp), header(WeChatPayHeaders.Nonce), header(WeChatPayHeaders.Signature),
            header(WeChatPayHeaders.Serial), body);

    /// <summary>Verifies with headers from a dictionary (names compared case-insensitively).</summary>
    public WeChatPayVerification Verify(IReadOnlyDictionary<string, string> headers, string body)
        => Verify(name => Lookup(headers, name), body);

    internal static string? Lookup(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var direct))
            return direct;
        foreach (var (key, value) in headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
    }

    private void Add(string serial, RSA rsa)
    {
        if (_keys.Remove(serial, out var previous))
            previous.Dispose();
        _keys[serial] = new PlatformKey(rsa);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private sealed class PlatformKey(RSA rsa) : IDisposable
    {
        private readonly Lock _gate = new();

        public bool Verify(byte[] message, ReadOnlySpan<byte> signature)
        {
            lock (_gate)
                return rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        public void Dispose() => rsa.Dispose();
    }
}
