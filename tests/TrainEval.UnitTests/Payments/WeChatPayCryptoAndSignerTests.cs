using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.UnitTests.Payments.WeChatPayTestKit;

namespace TrainEval.UnitTests.Payments;

public sealed partial class WeChatPayCryptoAndSignerTests
{
    private const string PlainTransaction = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"TE20261125001\",\"amount\":{\"total\":12800}}";

    // Produced independently with Python `cryptography` AESGCM (ciphertext ‖ 16-byte tag, base64).
    private const string PythonCiphertext =
        "5ahGUdtQpfn1/LIZLodHpKX44cxfi23yW6qQP97mQew5Qn1QJbxf/ga+TktInf8Z1XOL/LzHmEkKyVhK2ur1xsaUBYp5oHit3QQNsvqMwIgftjLgNJgpTInstpXGwA==";

    [Fact]
    public void PAY_02_decrypts_a_resource_encrypted_by_another_aes_gcm_implementation()
    {
        Assert.Equal(PlainTransaction, WeChatPayCrypto.DecryptResource(ApiV3Key, "transaction", "AbCdEf123456", PythonCiphertext));
    }

    [Fact]
    public void PAY_02_encrypt_resource_appends_the_16_byte_tag_and_matches_the_reference()
    {
        var ciphertext = WeChatPayCrypto.EncryptResource(ApiV3Key, "transaction", "AbCdEf123456", PlainTransaction);

        Assert.Equal(PythonCiphertext, ciphertext);
        Assert.Equal(PlainTransaction.Length + 16, Convert.FromBase64String(ciphertext).Length);
    }

    [Fact]
    public void PAY_02_encrypt_then_decrypt_round_trips_chinese_text_and_empty_associated_data()
    {
        const string plain = "{\"trade_state_desc\":\"支付成功\"}";
        var ciphertext = WeChatPayCrypto.EncryptResource(ApiV3Key, null, "123456789012", plain);

        Assert.Equal(plain, WeChatPayCrypto.DecryptResource(ApiV3Key, "", "123456789012", ciphertext));
    }

    [Fact]
    public void PAY_02_decryption_refuses_tampering_and_wrong_inputs()
    {
        Assert.Throws<AuthenticationTagMismatchException>(() =>
            WeChatPayCrypto.DecryptResource(ApiV3Key, "refund", "AbCdEf123456", PythonCiphertext));
        Assert.Throws<AuthenticationTagMismatchException>(() =>
            WeChatPayCrypto.DecryptResource(ApiV3Key, "transaction", "AbCdEf123457", PythonCiphertext));
        Assert.Throws<AuthenticationTagMismatchException>(() =>
            WeChatPayCrypto.DecryptResource("ffffffffffffffffffffffffffffffff", "transaction", "AbCdEf123456", PythonCiphertext));
        Assert.Throws<ArgumentException>(() =>
            WeChatPayCrypto.DecryptResource("short", "transaction", "AbCdEf123456", PythonCiphertext));
        Assert.Throws<AuthenticationTagMismatchException>(() =>
            WeChatPayCrypto.DecryptResource(ApiV3Key, "transaction", "AbCdEf123456", "AAAA"));
        Assert.False(WeChatPayCrypto.TryDecryptResource(ApiV3Key, "transaction", "AbCdEf123456", "not base64!", out _));
        Assert.False(WeChatPayCrypto.TryDecryptResource(ApiV3Key, "transaction", "short-nonce", PythonCiphertext, out _));
        Assert.True(WeChatPayCrypto.TryDecryptResource(ApiV3Key, "transaction", "AbCdEf123456", PythonCiphertext, out var plain));
        Assert.Equal(PlainTransaction, plain);
    }

    [Fact]
    public void PAY_02_signer_output_verifies_with_the_merchant_public_key()
    {
        var clock = Clock();
        using var signer = new WeChatPaySigner(LiveOptions(), clock);
        const string body = "{\"appid\":\"wx2421b1c4370ec43b\",\"description\":\"社会体育指导员 培训费\"}";

        var authorization = signer.BuildAuthorization("POST", "/v3/pay/transactions/native", body);

        var match = AuthorizationPattern().Match(authorization);
        Assert.True(match.Success, authorization);
        Assert.Equal(MchId, match.Groups["mchid"].Value);
        Assert.Equal(MerchantSerialNo, match.Groups["serial"].Value);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups["timestamp"].Value);
        var nonce = match.Groups["nonce"].Value;
        Assert.Matches("^[A-Za-z0-9]{32}$", nonce);
        var message = $"POST\n/v3/pay/transactions/native\n{match.Groups["timestamp"].Value}\n{nonce}\n{body}\n";
        Assert.True(VerifyWith(MerchantPrivateKeyPem, message, match.Groups["signature"].Value));
        Assert.False(VerifyWith(MerchantPrivateKeyPem, message.Replace("培训费", "考试费"), match.Groups["signature"].Value));
    }

    [Fact]
    public void PAY_02_get_requests_sign_an_empty_body_line()
    {
        Assert.Equal("GET\n/v3/pay/transactions/out-trade-no/TE1?mchid=1900000109\n1554208460\nabc\n\n",
            WeChatPaySigner.BuildRequestMessage("get", "/v3/pay/transactions/out-trade-no/TE1?mchid=1900000109", 1554208460, "abc", ""));
    }

    [Fact]
    public void PAY_02_nonces_are_32_random_characters()
    {
        var nonces = Enumerable.Range(0, 200).Select(_ => WeChatPaySigner.CreateNonce()).ToList();

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9]{32}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public void PAY_02_live_options_with_every_piece_are_valid()
    {
        Assert.Empty(LiveOptions().Validate());
    }

    [Fact]
    public void PAY_02_live_options_report_each_missing_piece()
    {
        var options = new WeChatPayOptions { Mode = "Live", ApiV3Key = "only-31-characters-long-0123456" };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("MchId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AppId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MerchantSerialNo", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MerchantPrivateKeyPem", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ApiV3Key must be exactly 32", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("PlatformCertificates", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("NotifyUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void PAY_02_live_options_refuse_bad_keys_and_mismatched_serials()
    {
        var options = LiveOptions();
        options.MerchantPrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
        options.ApiV3Key = "0123456789abcdefABCDEF012345678é";
        options.PlatformCertificates[0].SerialNo = "00";
        options.PlatformPublicKeyId = "KEY_1";
        options.PlatformPublicKeyPem = "garbage";
        options.NotifyUrl = "http://insecure.example.cn/notify";

        var errors = options.Validate();

        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void PAY_02_sandbox_options_need_no_configuration_and_unknown_modes_are_refused()
    {
        Assert.Empty(new WeChatPayOptions().Validate());
        Assert.True(new WeChatPayOptions().IsSandbox);
        Assert.Single(new WeChatPayOptions { Mode = "Test" }.Validate());
        Assert.Single(new WeChatPayOptions { ApiV3Key = "too short" }.Validate());
    }

    [GeneratedRegex("^WECHATPAY2-SHA256-RSA2048 mchid=\"(?<mchid>[^\"]+)\",nonce_str=\"(?<nonce>[^\"]+)\",signature=\"(?<signature>[^\"]+)\",timestamp=\"(?<timestamp>[^\"]+)\",serial_no=\"(?<serial>[^\"]+)\"$")]
    private static partial Regex AuthorizationPattern();
}
