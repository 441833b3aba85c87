using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>A notification as WeChat would POST it: the Wechatpay-* headers and the raw JSON body.</summary>
public sealed record SandboxNotification(IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Plays WeChat Pay's side for the embedded sandbox: holds a "platform" RSA-2048 key and a self-signed X.509 certificate,
/// persisted as PEM files in the directory given (so restarts keep the same Wechatpay-Serial), and builds notifications
/// encrypted with the APIv3 key and signed with that key exactly as WeChat does — the app verifies them through the
/// same <see cref="WeChatPayVerifier"/> and <see cref="WeChatPayNotificationParser"/> as Live ones.
/// </summary>
/// <remarks>
/// Use <see cref="Options"/> (not the bound options) for the verifier, the parser and <see cref="SandboxWeChatPay"/>:
/// it is the configured options plus the sandbox certificate, with MchId/AppId/ApiV3Key filled in when not configured.
/// The private key file never leaves the directory; it is a sandbox key and must never be configured as a Live one.
/// </remarks>
public sealed class SandboxPlatform : IDisposable
{
    public const string DefaultMchId = "1230000109";
    public const string DefaultAppId = "wxd678efh567hg6787";
    public const string PrivateKeyFileName = "wechatpay-sandbox-platform-key.pem";
    public const string CertificateFileName = "wechatpay-sandbox-platform-cert.pem";
    public const string ApiV3KeyFileName = "wechatpay-sandbox-apiv3.key";

    private readonly RSA _key;
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    /// <param name="directory">Where the sandbox key, certificate and generated APIv3 key live (created if missing), e.g. App_Data/wechatpay-sandbox.</param>
    /// <param name="configured">The bound options; not modified.</param>
    /// <param name="timeProvider">Clock for notification timestamps and certificate validity.</param>
    public SandboxPlatform(string directory, WeChatPayOptions configured, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _clock = timeProvider;
        Directory.CreateDirectory(directory);

        (_key, CertificatePem, SerialNo) = LoadOrCreateIdentity(directory, timeProvider);

        var options = configured.Clone();
        if (string.IsNullOrWhiteSpace(options.MchId))
            options.MchId = DefaultMchId;
        if (string.IsNullOrWhiteSpace(options.AppId))
            options.AppId = DefaultAppId;
        if (!WeChatPayOptions.IsValidApiV3Key(options.ApiV3Key))
            options.ApiV3Key = LoadOrCreateApiV3Key(directory);
        options.PlatformCertificates.RemoveAll(c => string.Equals(c.SerialNo, SerialNo, StringComparison.OrdinalIgnoreCase));
        options.PlatformCertificates.Add(PlatformCertificate);
        Options = options;
    }

    /// <summary>Hex serial of the sandbox platform certificate, as sent in Wechatpay-Serial.</summary>
    public string SerialNo { get; }

    public string CertificatePem { get; }

    /// <summary>The options entry that lets a verifier accept the sandbox's signatures.</summary>
    public WeChatPayPlatformCertificate PlatformCertificate => new() { SerialNo = SerialNo, CertificatePem = CertificatePem };

    /// <summary>The options the sandbox, the verifier and the notification parser must share.</summary>
    public WeChatPayOptions Options { get; }

    /// <summary>A TRANSACTION.SUCCESS notification for a Native payment of <paramref name="amountFen"/>.</summary>
    public SandboxNotification BuildPaidNotification(string outTradeNo, long amountFen, string? transactionId = null,
        DateTimeOffset? successTime = null, string? openId = null)
        => BuildTransactionNotification(new TransactionResource
        {
            AppId = Options.AppId,
            MchId = Options.MchId,
            OutTradeNo = outTradeNo,
            TransactionId = transactionId ?? NewTransactionId(_clock.GetUtcNow()),
            TradeType = "NATIVE",
            TradeState = WeChatPayTradeStates.Success,
            TradeStateDesc = "支付成功",
            BankType = "OTHERS",
            SuccessTime = (successTime ?? _clock.GetUtcNow()).ToOffset(WeChatPayJson.BeijingOffset),
            Payer = new TransactionPayer { OpenId = openId ?? "oSandbox" + WeChatPaySigner.CreateNonce(20) },
            Amount = new TransactionAmount { Total = amountFen, PayerTotal = amountFen, Currency = "CNY", PayerCurrency = "CNY" },
        });

    /// <summary>A REFUND.SUCCESS / REFUND.CLOSED / REFUND.ABNORMAL notification (chosen by <paramref name="refundStatus"/>).</summary>
    public SandboxNotification BuildRefundNotification(string outTradeNo, string outRefundNo, long refundFen, long totalFen,
        string refundStatus = WeChatPayRefundStatuses.Success, string? transactionId = null, string? refundId = null,
        DateTimeOffset? successTime = null)
        => BuildRefundNotification(new RefundResource
        {
            MchId = Options.MchId,
            OutTradeNo = outTradeNo,
            TransactionId = transactionId ?? NewTransactionId(_clock.GetUtcNow()),
            OutRefundNo = outRefundNo,
            RefundId = refundId ?? NewRefundId(),
            RefundStatus = refundStatus,
            SuccessTime = refundStatus == WeChatPayRefundStatuses.Success
                ? (successTime ?? _clock.GetUtcNow()).ToOffset(WeChatPayJson.BeijingOffset)
                : null,
            UserReceivedAccount = "支付用户零钱",
            Amount = new RefundAmount { Total = totalFen, Refund = refundFen, PayerTotal = totalFen, PayerRefund = refundFen },
        });

    /// <summary>Encrypts and signs any transaction resource (tests use it to forge e.g. another merchant's payment).</summary>
    public SandboxNotification BuildTransactionNotification(TransactionResource transaction)
        => BuildNotification(WeChatPayEventTypes.TransactionSuccess, "支付成功", "transaction", WeChatPayJson.Serialize(transaction));

    /// <summary>Encrypts and signs any refund resource; the event type follows refund_status.</summary>
    public SandboxNotification BuildRefundNotification(RefundResource refund)
    {
        var (eventType, summary) = refund.RefundStatus switch
        {
            WeChatPayRefundStatuses.Closed => (WeChatPayEventTypes.RefundClosed, "退款关闭"),
            WeChatPayRefundStatuses.Abnormal => (WeChatPayEventTypes.RefundAbnormal, "退款异常"),
            _ => (WeChatPayEventTypes.RefundSuccess, "退款成功"),
        };
        return BuildNotification(eventType, summary, "refund", WeChatPayJson.Serialize(refund));
    }

    /// <summary>The Wechatpay-* headers WeChat would send with <paramref name="body"/> (response or notification).</summary>
    public IReadOnlyDictionary<string, string> SignHeaders(string body)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = WeChatPaySigner.CreateNonce();
        string signature;
        lock (_gate)
            signature = WeChatPaySigner.SignMessage(_key, WeChatPaySigner.BuildResponseMessage(timestamp, nonce, body));
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WeChatPayHeaders.Timestamp] = timestamp,
            [WeChatPayHeaders.Nonce] = nonce,
            [WeChatPayHeaders.Signature] = signature,
            [WeChatPayHeaders.Serial] = SerialNo,
            [WeChatPayHeaders.SignatureType] = WeChatPaySigner.Scheme,
        };
    }

    public void Dispose() => _key.Dispose();

    internal static string NewTransactionId(DateTimeOffset at)
        => "4200" + at.ToOffset(WeChatPayJson.BeijingOffset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetString("0123456789", 16);

    internal static string NewRefundId() => "50300" + RandomNumberGenerator.GetString("0123456789", 24);

    private SandboxNotification BuildNotification(string eventType, string summary, string originalType, string plaintext)
    {
        var nonce = WeChatPayCrypto.CreateResourceNonce();
        var notification = new WeChatPayNotification
        {
            Id = Guid.NewGuid().ToString(),
            CreateTime = _clock.GetUtcNow().ToOffset(WeChatPayJson.BeijingOffset),
            ResourceType = "encrypt-resource",
            EventType = eventType,
            Summary = summary,
            Resource = new WeChatPayEncryptedResource
            {
                OriginalType = originalType,
                Algorithm = WeChatPayCrypto.Algorithm,
                Ciphertext = WeChatPayCrypto.EncryptResource(Options.ApiV3Key, originalType, nonce, plaintext),
                AssociatedData = originalType,
                Nonce = nonce,
            },
        };
        var body = WeChatPayJson.Serialize(notification);
        return new SandboxNotification(SignHeaders(body), body);
    }

    private static (RSA Key, string CertificatePem, string SerialNo) LoadOrCreateIdentity(string directory, TimeProvider clock)
    {
        var keyPath = Path.Combine(directory, PrivateKeyFileName);
        var certificatePath = Path.Combine(directory, CertificateFileName);

        if (File.Exists(keyPath) && File.Exists(certificatePath))
        {
            var key = RSA.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(keyPath));
                var certificatePem = File.ReadAllText(certificatePath);
                using var certificate = X509Certificate2.CreateFromPem(certificatePem);
                using var certificateKey = certificate.GetRSAPublicKey();
                if (certificateKey is not null
                    && certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                    return (key, certificatePem, certificate.SerialNumber);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // A damaged pair is replaced below: sandbox notifications signed by the old key were never money.
            }

            key.Dispose();
        }

        var created = RSA.Create(2048);
        var now = clock.GetUtcNow();
        var request = new CertificateRequest(
            new X500DistinguishedName("CN=TrainEval WeChat Pay Sandbox Platform, OU=Sandbox, O=TrainEval, C=CN"),
            created, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10); // positive, always 20 bytes = 40 hex digits like WeChat's serials
        using var generated = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(created, RSASignaturePadding.Pkcs1),
            now.AddDays(-1), now.AddYears(10), serial);
        var pem = generated.ExportCertificatePem();

        WriteAtomically(keyPath, created.ExportPkcs8PrivateKeyPem(), secret: true);
        WriteAtomically(certificatePath, pem, secret: false);
        return (created, pem, generated.SerialNumber);
    }

    private static string LoadOrCreateApiV3Key(string directory)
    {
        var path = Path.Combine(directory, ApiV3KeyFileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is var existing && WeChatPayOptions.IsValidApiV3Key(existing))
            return existing;
        var key = WeChatPaySigner.CreateNonce(32);
        WriteAtomically(path, key, secret: true);
        return key;
    }

    private static void WriteAtomically(string path, string content, bool secret)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (secret && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
