using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Payments.WeChatPay;

namespace TrainEval.UnitTests.Payments;

/// <summary>Keys, certificates and helpers shared by the WeChat Pay tests. Keys are generated once per test run.</summary>
internal static class WeChatPayTestKit
{
    public const string MchId = "1900000109";
    public const string AppId = "wx2421b1c4370ec43b";
    public const string ApiV3Key = "0123456789abcdefABCDEF0123456789";
    public const string MerchantSerialNo = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string PublicKeyId = "PUB_KEY_ID_0000000000000024101100397200000006";
    public const string NotifyUrl = "https://traineval.example.cn/api/v1/payments/wechatpay/notify";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lock Gate = new();

    public static readonly string MerchantPrivateKeyPem = NewKeyPem();
    public static readonly string PlatformPrivateKeyPem = NewKeyPem();
    public static readonly string OtherPrivateKeyPem = NewKeyPem();
    public static readonly (string SerialNo, string Pem) PlatformCertificate = SelfSigned(PlatformPrivateKeyPem, "CN=Test WeChat Pay Platform");
    public static readonly (string SerialNo, string Pem) OtherCertificate = SelfSigned(OtherPrivateKeyPem, "CN=Another Platform");

    public static FakeTimeProvider Clock() => new(Now);

    public static WeChatPayOptions LiveOptions() => new()
    {
        Mode = WeChatPayOptions.LiveMode,
        MchId = MchId,
        AppId = AppId,
        MerchantSerialNo = MerchantSerialNo,
        MerchantPrivateKeyPem = MerchantPrivateKeyPem,
        ApiV3Key = ApiV3Key,
        PlatformCertificates = [new WeChatPayPlatformCertificate { SerialNo = PlatformCertificate.SerialNo, CertificatePem = PlatformCertificate.Pem }],
        NotifyUrl = NotifyUrl,
    };

    public static string PublicKeyPemOf(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Signs TIMESTAMP\nNONCE\nBODY\n as WeChat does and returns the four Wechatpay-* headers.</summary>
    public static Dictionary<string, string> SignedHeaders(string body, DateTimeOffset at, string? privateKeyPem = null, string? serial = null)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = WeChatPaySigner.CreateNonce();
        return new Dictionary<string, string>
        {
            [WeChatPayHeaders.Timestamp] = timestamp,
            [WeChatPayHeaders.Nonce] = nonce,
            [WeChatPayHeaders.Signature] = Sign(privateKeyPem ?? PlatformPrivateKeyPem, $"{timestamp}\n{nonce}\n{body}\n"),
            [WeChatPayHeaders.Serial] = serial ?? PlatformCertificate.SerialNo,
        };
    }

    public static string Sign(string privateKeyPem, string message)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static bool VerifyWith(string privateKeyPem, string message, string signatureBase64)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(PublicKeyPemOf(privateKeyPem));
        return rsa.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signatureBase64), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
    }

    /// <summary>A notification body with the resource encrypted by hand (independently of SandboxPlatform).</summary>
    public static string NotificationBody(string eventType, string originalType, string resourceJson, string? apiV3Key = null,
        string? associatedData = null)
    {
        var nonce = "n0nce" + WeChatPaySigner.CreateNonce(7);
        var ciphertext = WeChatPayCrypto.EncryptResource(apiV3Key ?? ApiV3Key, associatedData ?? originalType, nonce, resourceJson);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "EV-2018022511223320873",
            ["create_time"] = "2026-11-25T16:00:00+08:00",
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = "支付成功",
            ["resource"] = new Dictionary<string, string>
            {
                ["original_type"] = originalType,
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["ciphertext"] = ciphertext,
                ["associated_data"] = associatedData ?? originalType,
                ["nonce"] = nonce,
            },
        });
    }

    public static string TransactionJson(string outTradeNo = "TE20261125000001", long total = 12800, string mchId = MchId)
        => $$$"""
           {"mchid":"{{{mchId}}}","appid":"{{{AppId}}}","out_trade_no":"{{{outTradeNo}}}","transaction_id":"4200000985202611250123456789",
            "trade_type":"NATIVE","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"CMC","attach":"",
            "success_time":"2026-11-25T15:59:30+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "amount":{"total":{{{total}}},"payer_total":{{{total}}},"currency":"CNY","payer_currency":"CNY"}}
           """;

    public static string RefundJson(string status = "SUCCESS", string mchId = MchId)
        => $$$"""
           {"mchid":"{{{mchId}}}","out_trade_no":"TE20261125000001","transaction_id":"4200000985202611250123456789",
            "out_refund_no":"RF20261125000001","refund_id":"50000000382019052709732678859","refund_status":"{{{status}}}",
            "success_time":"2026-11-25T16:10:00+08:00","user_received_account":"招商银行信用卡0403",
            "amount":{"total":12800,"refund":3000,"payer_total":12800,"payer_refund":3000}}
           """;

    private static string NewKeyPem()
    {
        lock (Gate)
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        }
    }

    private static (string SerialNo, string Pem) SelfSigned(string privateKeyPem, string subject)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(4));
        return (certificate.SerialNumber, certificate.ExportCertificatePem());
    }
}
