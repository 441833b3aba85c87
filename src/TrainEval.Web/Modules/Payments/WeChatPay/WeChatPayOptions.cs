using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// WeChat Pay API v3 settings for one direct merchant (直连商户), bound from <see cref="SectionName"/>.
/// Secrets (<see cref="MerchantPrivateKeyPem"/>, <see cref="ApiV3Key"/>) come from environment variables.
/// </summary>
public sealed class WeChatPayOptions
{
    public const string SectionName = "Modules:Payments:WeChatPay";
    public const string SandboxMode = "Sandbox";
    public const string LiveMode = "Live";
    public const string DefaultBaseUrl = "https://api.mch.weixin.qq.com";

    /// <summary>"Sandbox" (embedded gateway, default) or "Live" (api.mch.weixin.qq.com).</summary>
    public string Mode { get; set; } = SandboxMode;

    /// <summary>商户号 mchid.</summary>
    public string MchId { get; set; } = "";

    /// <summary>The AppID bound to the merchant (公众号/小程序/移动应用), sent as <c>appid</c>.</summary>
    public string AppId { get; set; } = "";

    /// <summary>商户API证书序列号 (serial of apiclient_cert.pem), sent as <c>serial_no</c> in the Authorization header.</summary>
    public string MerchantSerialNo { get; set; } = "";

    /// <summary>商户API私钥 apiclient_key.pem (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY").</summary>
    public string MerchantPrivateKeyPem { get; set; } = "";

    /// <summary>APIv3密钥: exactly 32 ASCII characters, the AES-256-GCM key for notification resources.</summary>
    public string ApiV3Key { get; set; } = "";

    /// <summary>微信支付平台证书 (platform certificate mode). Several may be configured during a rotation.</summary>
    public List<WeChatPayPlatformCertificate> PlatformCertificates { get; set; } = [];

    /// <summary>微信支付公钥ID, e.g. "PUB_KEY_ID_0000…" (public key mode, optional).</summary>
    public string? PlatformPublicKeyId { get; set; }

    /// <summary>微信支付公钥 pub_key.pem ("BEGIN PUBLIC KEY"), used with <see cref="PlatformPublicKeyId"/>.</summary>
    public string? PlatformPublicKeyPem { get; set; }

    /// <summary>Absolute https URL WeChat posts payment notifications to (notify_url).</summary>
    public string NotifyUrl { get; set; } = "";

    /// <summary>Optional notify_url for refunds; <see cref="NotifyUrl"/> when empty.</summary>
    public string? RefundNotifyUrl { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How far Wechatpay-Timestamp may be from our clock, in either direction.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsSandbox => string.Equals(Mode, SandboxMode, StringComparison.OrdinalIgnoreCase);

    public bool IsLive => string.Equals(Mode, LiveMode, StringComparison.OrdinalIgnoreCase);

    public string EffectiveRefundNotifyUrl => string.IsNullOrWhiteSpace(RefundNotifyUrl) ? NotifyUrl : RefundNotifyUrl;

    /// <summary>
    /// Configuration errors (中文 / English), empty when usable. Live mode checks everything needed to call WeChat;
    /// Sandbox mode only checks what is set (the sandbox fills the rest, see <see cref="SandboxPlatform"/>).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsSandbox && !IsLive)
        {
            errors.Add($"支付模式 Mode 只能是 Sandbox 或 Live / Mode must be \"Sandbox\" or \"Live\" (was \"{Mode}\")");
            return errors;
        }

        if (MaxClockSkew <= TimeSpan.Zero || MaxClockSkew > TimeSpan.FromMinutes(30))
            errors.Add("时钟偏差 MaxClockSkew 必须在 0 到 30 分钟之间 / MaxClockSkew must be between 0 and 30 minutes");

        if (ApiV3Key.Length > 0 && !IsValidApiV3Key(ApiV3Key))
            errors.Add("APIv3密钥 ApiV3Key 必须是 32 个 ASCII 字符 / ApiV3Key must be exactly 32 ASCII characters (32 bytes)");

        if (!IsLive)
            return errors;

        if (string.IsNullOrWhiteSpace(MchId))
            errors.Add("缺少商户号 MchId / MchId is required");
        if (string.IsNullOrWhiteSpace(AppId))
            errors.Add("缺少 AppId / AppId is required");
        if (string.IsNullOrWhiteSpace(MerchantSerialNo))
            errors.Add("缺少商户API证书序列号 MerchantSerialNo / MerchantSerialNo is required");
        if (string.IsNullOrWhiteSpace(MerchantPrivateKeyPem))
            errors.Add("缺少商户API私钥 MerchantPrivateKeyPem / MerchantPrivateKeyPem is required");
        else if (!IsRsaPrivateKey(MerchantPrivateKeyPem))
            errors.Add("商户API私钥 MerchantPrivateKeyPem 不是有效的 RSA 私钥 PEM / MerchantPrivateKeyPem is not a valid RSA private key PEM");
        if (ApiV3Key.Length == 0)
            errors.Add("缺少APIv3密钥 ApiV3Key / ApiV3Key is required");

        var hasPublicKey = !string.IsNullOrWhiteSpace(PlatformPublicKeyId) || !string.IsNullOrWhiteSpace(PlatformPublicKeyPem);
        if (PlatformCertificates.Count == 0 && !hasPublicKey)
            errors.Add("未配置微信支付平台证书或微信支付公钥 / configure PlatformCertificates or PlatformPublicKeyId + PlatformPublicKeyPem");

        foreach (var (certificate, index) in PlatformCertificates.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(certificate.CertificatePem) || TryLoadCertificate(certificate.CertificatePem) is not { } loaded)
            {
                errors.Add($"平台证书 PlatformCertificates[{index}] 不是有效的 X.509 PEM / PlatformCertificates[{index}].CertificatePem is not a valid X.509 PEM");
                continue;
            }

            using (loaded)
            {
                if (!string.IsNullOrWhiteSpace(certificate.SerialNo)
                    && !string.Equals(certificate.SerialNo.Trim(), loaded.SerialNumber, StringComparison.OrdinalIgnoreCase))
                    errors.Add($"平台证书 PlatformCertificates[{index}] 的序列号与证书不符 / PlatformCertificates[{index}].SerialNo does not match the certificate ({loaded.SerialNumber})");
                if (loaded.GetRSAPublicKey() is not { } rsa)
                    errors.Add($"平台证书 PlatformCertificates[{index}] 不是 RSA 证书 / PlatformCertificates[{index}] is not an RSA certificate");
                else
                    rsa.Dispose();
            }
        }

        if (hasPublicKey)
        {
            if (string.IsNullOrWhiteSpace(PlatformPublicKeyId) || !PlatformPublicKeyId.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal))
                errors.Add("微信支付公钥ID PlatformPublicKeyId 缺失或不以 PUB_KEY_ID_ 开头 / PlatformPublicKeyId is missing or does not start with PUB_KEY_ID_");
            if (string.IsNullOrWhiteSpace(PlatformPublicKeyPem) || !IsRsaPublicKey(PlatformPublicKeyPem))
                errors.Add("微信支付公钥 PlatformPublicKeyPem 缺失或不是有效的 RSA 公钥 PEM / PlatformPublicKeyPem is missing or not a valid RSA public key PEM");
        }

        if (!Uri.TryCreate(NotifyUrl, UriKind.Absolute, out var notify) || notify.Scheme != Uri.UriSchemeHttps)
            errors.Add("回调地址 NotifyUrl 必须是绝对 https 地址 / NotifyUrl must be an absolute https URL");
        if (!string.IsNullOrWhiteSpace(RefundNotifyUrl)
            && (!Uri.TryCreate(RefundNotifyUrl, UriKind.Absolute, out var refundNotify) || refundNotify.Scheme != Uri.UriSchemeHttps))
            errors.Add("退款回调地址 RefundNotifyUrl 必须是绝对 https 地址 / RefundNotifyUrl must be an absolute https URL");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme != Uri.UriSchemeHttps)
            errors.Add("接口地址 BaseUrl 必须是绝对 https 地址 / BaseUrl must be an absolute https URL");

        return errors;
    }

    /// <summary>A deep copy (the sandbox and tests derive variants without touching the bound instance).</summary>
    public WeChatPayOptions Clone()
    {
        var copy = (WeChatPayOptions)MemberwiseClone();
        copy.PlatformCertificates = PlatformCertificates
            .Select(c => new WeChatPayPlatformCertificate { SerialNo = c.SerialNo, CertificatePem = c.CertificatePem })
            .ToList();
        return copy;
    }

    public static bool IsValidApiV3Key(string? key)
        => key is { Length: 32 } && key.All(char.IsAscii) && Encoding.ASCII.GetByteCount(key) == 32;

    internal static X509Certificate2? TryLoadCertificate(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsRsaPrivateKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.KeySize >= 2048 && rsa.ExportParameters(false).Modulus is not null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static bool IsRsaPublicKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>One 微信支付平台证书: its serial (hex, as in Wechatpay-Serial) and the PEM.</summary>
public sealed class WeChatPayPlatformCertificate
{
    /// <summary>Hex serial as sent in Wechatpay-Serial; taken from the certificate when empty.</summary>
    public string SerialNo { get; set; } = "";

    public string CertificatePem { get; set; } = "";
}
