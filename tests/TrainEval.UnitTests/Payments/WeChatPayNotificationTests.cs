using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.UnitTests.Payments.WeChatPayTestKit;

namespace TrainEval.UnitTests.Payments;

public sealed class WeChatPayNotificationTests : IDisposable
{
    private readonly FakeTimeProvider _clock = Clock();
    private readonly WeChatPayOptions _options = LiveOptions();
    private readonly WeChatPayVerifier _verifier;
    private readonly WeChatPayNotificationParser _parser;

    public WeChatPayNotificationTests()
    {
        _verifier = new WeChatPayVerifier(_options, _clock);
        _parser = new WeChatPayNotificationParser(_options, _verifier);
    }

    public void Dispose() => _verifier.Dispose();

    private static string PaidBody(string mchId = MchId) => NotificationBody("TRANSACTION.SUCCESS", "transaction", TransactionJson(mchId: mchId));

    [Fact]
    public void PAY_02_valid_signed_notification_decrypts_to_the_transaction()
    {
        var body = PaidBody();

        var result = _parser.Parse(SignedHeaders(body, Now), body);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(result.Refund);
        var transaction = Assert.IsType<TransactionResource>(result.Transaction);
        Assert.Equal(MchId, transaction.MchId);
        Assert.Equal(AppId, transaction.AppId);
        Assert.Equal("TE20261125000001", transaction.OutTradeNo);
        Assert.Equal("4200000985202611250123456789", transaction.TransactionId);
        Assert.Equal("NATIVE", transaction.TradeType);
        Assert.Equal(WeChatPayTradeStates.Success, transaction.TradeState);
        Assert.True(transaction.IsPaid);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 7, 59, 30, TimeSpan.Zero), transaction.SuccessTime);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", transaction.Payer?.OpenId);
        Assert.Equal(12800, transaction.Amount?.Total);
        Assert.Equal(12800, transaction.Amount?.PayerTotal);
        Assert.Equal("CNY", transaction.Amount?.Currency);
        Assert.Equal("TRANSACTION.SUCCESS", result.Notification?.EventType);
        Assert.Equal("EV-2018022511223320873", result.Notification?.Id);
    }

    [Fact]
    public void PAY_02_tampered_body_is_refused_as_bad_signature()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);

        var result = _parser.Parse(headers, body.Replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS "));

        Assert.Equal(WeChatPayRejection.BadSignature, result.Rejection);
        Assert.Null(result.Transaction);
    }

    [Fact]
    public void PAY_02_notification_signed_with_another_key_is_refused_as_bad_signature()
    {
        var body = PaidBody();

        var result = _parser.Parse(SignedHeaders(body, Now, OtherPrivateKeyPem), body);

        Assert.Equal(WeChatPayRejection.BadSignature, result.Rejection);
    }

    [Fact]
    public void PAY_02_notification_from_an_unconfigured_serial_is_refused()
    {
        var body = PaidBody();

        var result = _parser.Parse(SignedHeaders(body, Now, OtherPrivateKeyPem, OtherCertificate.SerialNo), body);

        Assert.Equal(WeChatPayRejection.UnknownSerial, result.Rejection);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void PAY_02_timestamp_six_minutes_from_our_clock_is_refused_as_stale(int minutes)
    {
        var body = PaidBody();

        var result = _parser.Parse(SignedHeaders(body, Now.AddMinutes(minutes)), body);

        Assert.Equal(WeChatPayRejection.StaleTimestamp, result.Rejection);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void PAY_02_timestamp_within_five_minutes_is_accepted(int seconds)
    {
        var body = PaidBody();

        var result = _parser.Parse(SignedHeaders(body, Now.AddSeconds(seconds)), body);

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void PAY_02_a_notification_replayed_later_is_refused_as_stale()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);
        Assert.True(_parser.Parse(headers, body).Succeeded);

        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(WeChatPayRejection.StaleTimestamp, _parser.Parse(headers, body).Rejection);
    }

    [Theory]
    [InlineData("Wechatpay-Timestamp")]
    [InlineData("Wechatpay-Nonce")]
    [InlineData("Wechatpay-Signature")]
    [InlineData("Wechatpay-Serial")]
    public void PAY_02_missing_header_is_refused(string header)
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);
        headers.Remove(header);

        var result = _parser.Parse(headers, body);

        Assert.Equal(WeChatPayRejection.MissingHeader, result.Rejection);
        Assert.Equal(header, result.Detail);
    }

    [Fact]
    public void PAY_02_header_names_are_matched_case_insensitively()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        Assert.True(_parser.Parse(headers, body).Succeeded);
    }

    [Fact]
    public void PAY_02_wechat_signature_probe_is_refused_as_bad_signature()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);
        headers[WeChatPayHeaders.Signature] = "WECHATPAY/SIGNTEST/" + headers[WeChatPayHeaders.Signature];

        Assert.Equal(WeChatPayRejection.BadSignature, _parser.Parse(headers, body).Rejection);
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public void PAY_02_unparsable_timestamp_is_malformed(string timestamp)
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);
        headers[WeChatPayHeaders.Timestamp] = timestamp;

        Assert.Equal(WeChatPayRejection.Malformed, _parser.Parse(headers, body).Rejection);
    }

    [Fact]
    public void PAY_02_signature_that_is_not_base64_is_malformed()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);
        headers[WeChatPayHeaders.Signature] = "%%% not base64 %%%";

        Assert.Equal(WeChatPayRejection.Malformed, _parser.Parse(headers, body).Rejection);
    }

    [Fact]
    public void PAY_02_tampered_ciphertext_fails_decryption_even_when_the_body_is_signed()
    {
        var notification = System.Text.Json.Nodes.JsonNode.Parse(PaidBody())!;
        var bytes = Convert.FromBase64String(notification["resource"]!["ciphertext"]!.GetValue<string>());
        bytes[3] ^= 0x01;
        notification["resource"]!["ciphertext"] = Convert.ToBase64String(bytes);
        var tampered = notification.ToJsonString();

        var result = _parser.Parse(SignedHeaders(tampered, Now), tampered);

        Assert.Equal(WeChatPayRejection.DecryptionFailed, result.Rejection);
        Assert.Null(result.Transaction);
    }

    [Fact]
    public void PAY_02_tampered_associated_data_fails_decryption()
    {
        var body = NotificationBody("TRANSACTION.SUCCESS", "transaction", TransactionJson());
        var tampered = body.Replace("\"associated_data\":\"transaction\"", "\"associated_data\":\"certificate\"");
        Assert.NotEqual(body, tampered);

        var result = _parser.Parse(SignedHeaders(tampered, Now), tampered);

        Assert.Equal(WeChatPayRejection.DecryptionFailed, result.Rejection);
    }

    [Fact]
    public void PAY_02_resource_encrypted_with_another_api_v3_key_fails_decryption()
    {
        var body = NotificationBody("TRANSACTION.SUCCESS", "transaction", TransactionJson(), apiV3Key: "ffffffffffffffffffffffffffffffff");

        Assert.Equal(WeChatPayRejection.DecryptionFailed, _parser.Parse(SignedHeaders(body, Now), body).Rejection);
    }

    [Fact]
    public void PAY_02_transaction_for_another_merchant_is_refused()
    {
        var body = PaidBody(mchId: "1900000999");

        var result = _parser.Parse(SignedHeaders(body, Now), body);

        Assert.Equal(WeChatPayRejection.MerchantMismatch, result.Rejection);
        Assert.Null(result.Transaction);
    }

    [Theory]
    [InlineData("REFUND.SUCCESS", "SUCCESS")]
    [InlineData("REFUND.CLOSED", "CLOSED")]
    [InlineData("REFUND.ABNORMAL", "ABNORMAL")]
    public void PAY_05_refund_notification_decrypts_to_the_refund(string eventType, string status)
    {
        var body = NotificationBody(eventType, "refund", RefundJson(status));

        var result = _parser.Parse(SignedHeaders(body, Now), body);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(result.Transaction);
        var refund = Assert.IsType<RefundResource>(result.Refund);
        Assert.Equal(MchId, refund.MchId);
        Assert.Equal("TE20261125000001", refund.OutTradeNo);
        Assert.Equal("RF20261125000001", refund.OutRefundNo);
        Assert.Equal("50000000382019052709732678859", refund.RefundId);
        Assert.Equal("4200000985202611250123456789", refund.TransactionId);
        Assert.Equal(status, refund.RefundStatus);
        Assert.Equal(12800, refund.Amount?.Total);
        Assert.Equal(3000, refund.Amount?.Refund);
        Assert.Equal(12800, refund.Amount?.PayerTotal);
        Assert.Equal(3000, refund.Amount?.PayerRefund);
        Assert.Equal(eventType, result.Notification?.EventType);
    }

    [Fact]
    public void PAY_05_refund_for_another_merchant_is_refused()
    {
        var body = NotificationBody("REFUND.SUCCESS", "refund", RefundJson(mchId: "1900000999"));

        Assert.Equal(WeChatPayRejection.MerchantMismatch, _parser.Parse(SignedHeaders(body, Now), body).Rejection);
    }

    [Fact]
    public void PAY_02_unknown_event_type_is_authentic_but_unsupported()
    {
        var body = NotificationBody("TRANSACTION.REVOKED", "transaction", TransactionJson());

        var result = _parser.Parse(SignedHeaders(body, Now), body);

        Assert.Equal(WeChatPayRejection.UnsupportedEvent, result.Rejection);
        Assert.True(result.IsAuthenticButUnsupported);
        Assert.Equal("TRANSACTION.REVOKED", result.Notification?.EventType);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event_type\":\"TRANSACTION.SUCCESS\"}")]
    [InlineData("{\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{\"algorithm\":\"AES_128_CBC\",\"ciphertext\":\"AAAA\",\"nonce\":\"123456789012\"}}")]
    [InlineData("")]
    public void PAY_02_signed_body_that_is_not_a_notification_is_malformed(string body)
    {
        Assert.Equal(WeChatPayRejection.Malformed, _parser.Parse(SignedHeaders(body, Now), body).Rejection);
    }

    [Fact]
    public void PAY_02_decrypted_resource_that_is_not_a_transaction_is_malformed()
    {
        var body = NotificationBody("TRANSACTION.SUCCESS", "transaction", "{\"mchid\":\"1900000109\"}");

        Assert.Equal(WeChatPayRejection.Malformed, _parser.Parse(SignedHeaders(body, Now), body).Rejection);
    }

    [Fact]
    public void PAY_02_wechat_pay_public_key_mode_is_accepted_by_its_key_id()
    {
        var options = LiveOptions();
        options.PlatformCertificates.Clear();
        options.PlatformPublicKeyId = PublicKeyId;
        options.PlatformPublicKeyPem = PublicKeyPemOf(OtherPrivateKeyPem);
        Assert.Empty(options.Validate());
        using var verifier = new WeChatPayVerifier(options, _clock);
        var parser = new WeChatPayNotificationParser(options, verifier);
        var body = PaidBody();

        Assert.True(parser.Parse(SignedHeaders(body, Now, OtherPrivateKeyPem, PublicKeyId), body).Succeeded);
        Assert.Equal(WeChatPayRejection.UnknownSerial,
            parser.Parse(SignedHeaders(body, Now, PlatformPrivateKeyPem, PlatformCertificate.SerialNo), body).Rejection);
        Assert.Equal(WeChatPayRejection.BadSignature,
            parser.Parse(SignedHeaders(body, Now, PlatformPrivateKeyPem, PublicKeyId), body).Rejection);
    }

    [Fact]
    public void PAY_02_verifier_accepts_a_header_lookup_function()
    {
        var body = PaidBody();
        var headers = SignedHeaders(body, Now);

        var verification = _verifier.Verify(name => headers.GetValueOrDefault(name) ?? "", body);

        Assert.True(verification.IsValid);
        Assert.Equal(WeChatPayRejection.MissingHeader, _verifier.Verify(_ => "", body).Rejection);
    }
}
