using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.UnitTests.Payments.WeChatPayTestKit;

namespace TrainEval.UnitTests.Payments;

public sealed class SandboxWeChatPayTests : IDisposable
{
    private const string OutTradeNo = "TE20261125000042";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "traineval-wechatpay-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = Clock();
    private readonly SandboxPlatform _platform;
    private readonly SandboxWeChatPay _sandbox;
    private readonly WeChatPayVerifier _verifier;
    private readonly WeChatPayNotificationParser _parser;

    public SandboxWeChatPayTests()
    {
        _platform = new SandboxPlatform(_directory, new WeChatPayOptions(), _clock);
        _sandbox = new SandboxWeChatPay(_platform, _clock);
        _verifier = new WeChatPayVerifier(_platform.Options, _clock);
        _parser = new WeChatPayNotificationParser(_platform.Options, _verifier);
    }

    public void Dispose()
    {
        _verifier.Dispose();
        _platform.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<NativeOrderResult> CreateOrder(long amountFen = 12800)
        => _sandbox.CreateNativeOrderAsync(OutTradeNo, "社会体育指导员（五级）培训费", amountFen, Now.AddMinutes(30), CancellationToken.None);

    [Fact]
    public async Task PAY_02_sandbox_round_trip_from_order_to_a_verified_paid_notification()
    {
        var order = await CreateOrder();
        Assert.True(order.Succeeded, order.ErrorMessage);
        Assert.Equal("weixin://wxpay/bizpayurl?pr=SANDBOX-" + OutTradeNo, order.CodeUrl);
        Assert.True(_sandbox.IsSandbox);
        Assert.Equal(WeChatPayTradeStates.NotPay, (await _sandbox.QueryOrderAsync(OutTradeNo, CancellationToken.None))?.TradeState);

        var notification = _sandbox.PayOrder(OutTradeNo);

        Assert.NotNull(notification);
        Assert.True(_verifier.Verify(notification.Headers, notification.Body).IsValid);
        Assert.DoesNotContain(OutTradeNo, notification.Body, StringComparison.Ordinal); // the resource is encrypted
        var result = _parser.Parse(notification.Headers, notification.Body);
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(OutTradeNo, result.Transaction?.OutTradeNo);
        Assert.Equal(12800, result.Transaction?.Amount?.Total);
        Assert.Equal(WeChatPayTradeStates.Success, result.Transaction?.TradeState);
        Assert.Equal(_platform.Options.MchId, result.Transaction?.MchId);

        var queried = await _sandbox.QueryOrderAsync(OutTradeNo, CancellationToken.None);
        Assert.Equal(WeChatPayTradeStates.Success, queried?.TradeState);
        Assert.Equal(result.Transaction?.TransactionId, queried?.TransactionId);
        Assert.Equal(Now, queried?.SuccessTime);
    }

    [Fact]
    public void PAY_02_sandbox_notification_uses_wechats_headers_and_shape()
    {
        var notification = _platform.BuildPaidNotification(OutTradeNo, 500);

        Assert.Equal(_platform.SerialNo, notification.Headers[WeChatPayHeaders.Serial]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), notification.Headers[WeChatPayHeaders.Timestamp]);
        Assert.Equal("WECHATPAY2-SHA256-RSA2048", notification.Headers[WeChatPayHeaders.SignatureType]);
        Assert.Matches("^[0-9A-F]{40}$", _platform.SerialNo);
        using var json = System.Text.Json.JsonDocument.Parse(notification.Body);
        Assert.Equal("TRANSACTION.SUCCESS", json.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("encrypt-resource", json.RootElement.GetProperty("resource_type").GetString());
        var resource = json.RootElement.GetProperty("resource");
        Assert.Equal("AEAD_AES_256_GCM", resource.GetProperty("algorithm").GetString());
        Assert.Equal("transaction", resource.GetProperty("original_type").GetString());
        Assert.Equal(12, resource.GetProperty("nonce").GetString()!.Length);
    }

    [Fact]
    public void PAY_02_a_stale_sandbox_notification_is_refused_like_a_live_one()
    {
        var notification = _platform.BuildPaidNotification(OutTradeNo, 500);

        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(WeChatPayRejection.StaleTimestamp, _parser.Parse(notification.Headers, notification.Body).Rejection);
    }

    [Fact]
    public void PAY_02_sandbox_platform_restarted_from_the_same_directory_keeps_its_serial_and_keys()
    {
        var notification = _platform.BuildPaidNotification(OutTradeNo, 500);

        using var restarted = new SandboxPlatform(_directory, new WeChatPayOptions(), Clock());
        using var verifier = new WeChatPayVerifier(restarted.Options, _clock);

        Assert.Equal(_platform.SerialNo, restarted.SerialNo);
        Assert.Equal(_platform.CertificatePem, restarted.CertificatePem);
        Assert.Equal(_platform.Options.ApiV3Key, restarted.Options.ApiV3Key);
        Assert.True(new WeChatPayNotificationParser(restarted.Options, verifier).Parse(notification.Headers, notification.Body).Succeeded);
        Assert.True(File.Exists(Path.Combine(_directory, SandboxPlatform.CertificateFileName)));
        Assert.True(File.Exists(Path.Combine(_directory, SandboxPlatform.PrivateKeyFileName)));
    }

    [Fact]
    public void PAY_02_sandbox_platforms_in_different_directories_do_not_trust_each_other()
    {
        var other = Path.Combine(Path.GetTempPath(), "traineval-wechatpay-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var stranger = new SandboxPlatform(other, _platform.Options, _clock);
            var forged = stranger.BuildPaidNotification(OutTradeNo, 1);

            Assert.NotEqual(_platform.SerialNo, stranger.SerialNo);
            Assert.Equal(WeChatPayRejection.UnknownSerial, _parser.Parse(forged.Headers, forged.Body).Rejection);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void PAY_02_sandbox_keeps_configured_merchant_values_and_adds_its_certificate()
    {
        var configured = LiveOptions();
        configured.Mode = WeChatPayOptions.SandboxMode;

        using var platform = new SandboxPlatform(_directory, configured, _clock);

        Assert.Equal(MchId, platform.Options.MchId);
        Assert.Equal(AppId, platform.Options.AppId);
        Assert.Equal(ApiV3Key, platform.Options.ApiV3Key);
        Assert.Equal(2, platform.Options.PlatformCertificates.Count);
        Assert.Contains(platform.Options.PlatformCertificates, c => c.SerialNo == platform.SerialNo && c.CertificatePem == platform.CertificatePem);
        Assert.Single(configured.PlatformCertificates); // the bound options are not modified
        Assert.Empty(platform.Options.Validate());
    }

    [Fact]
    public void PAY_02_sandbox_notification_for_another_merchant_is_refused()
    {
        var notification = _platform.BuildTransactionNotification(new TransactionResource
        {
            MchId = "1900000999",
            OutTradeNo = OutTradeNo,
            TradeState = WeChatPayTradeStates.Success,
            Amount = new TransactionAmount { Total = 1 },
        });

        Assert.Equal(WeChatPayRejection.MerchantMismatch, _parser.Parse(notification.Headers, notification.Body).Rejection);
    }

    [Fact]
    public async Task PAY_05_paying_twice_resends_the_same_transaction_like_wechats_retries()
    {
        await CreateOrder();

        var firstDelivery = _sandbox.PayOrder(OutTradeNo)!;
        var secondDelivery = _sandbox.PayOrder(OutTradeNo)!;
        var first = _parser.Parse(firstDelivery.Headers, firstDelivery.Body);
        var again = _parser.Parse(secondDelivery.Headers, secondDelivery.Body);

        Assert.True(first.Succeeded && again.Succeeded);
        Assert.Equal(first.Transaction?.TransactionId, again.Transaction?.TransactionId);
        Assert.NotEqual(first.Notification?.Id, again.Notification?.Id);
    }

    [Fact]
    public async Task PAY_05_sandbox_refund_produces_a_verified_refund_notification()
    {
        await CreateOrder();
        _sandbox.PayOrder(OutTradeNo);

        var refund = await _sandbox.RefundAsync(OutTradeNo, "RF20261125000042", 3000, 12800, "重复缴费", CancellationToken.None);
        var repeated = await _sandbox.RefundAsync(OutTradeNo, "RF20261125000042", 3000, 12800, "重复缴费", CancellationToken.None);
        var notification = _sandbox.BuildRefundNotification(OutTradeNo, "RF20261125000042");

        Assert.True(refund.Succeeded, refund.ErrorMessage);
        Assert.Equal(WeChatPayRefundStatuses.Success, refund.Status);
        Assert.Equal(refund.RefundId, repeated.RefundId);
        Assert.NotNull(notification);
        var result = _parser.Parse(notification.Headers, notification.Body);
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(WeChatPayEventTypes.RefundSuccess, result.Notification?.EventType);
        Assert.Equal(refund.RefundId, result.Refund?.RefundId);
        Assert.Equal(3000, result.Refund?.Amount?.Refund);
        Assert.Equal(12800, result.Refund?.Amount?.Total);
        Assert.Equal(WeChatPayTradeStates.Refund, (await _sandbox.QueryOrderAsync(OutTradeNo, CancellationToken.None))?.TradeState);
    }

    [Fact]
    public async Task PAY_05_sandbox_refuses_refunds_beyond_what_was_paid()
    {
        await CreateOrder();
        Assert.False((await _sandbox.RefundAsync(OutTradeNo, "RF1", 100, 12800, "", CancellationToken.None)).Succeeded); // not paid yet
        _sandbox.PayOrder(OutTradeNo);
        Assert.True((await _sandbox.RefundAsync(OutTradeNo, "RF1", 10000, 12800, "", CancellationToken.None)).Succeeded);

        var tooMuch = await _sandbox.RefundAsync(OutTradeNo, "RF2", 2801, 12800, "", CancellationToken.None);
        var wrongTotal = await _sandbox.RefundAsync(OutTradeNo, "RF3", 100, 12000, "", CancellationToken.None);

        Assert.Equal(WeChatPayErrorCodes.InvalidRequest, tooMuch.ErrorCode);
        Assert.Equal(WeChatPayErrorCodes.ParamError, wrongTotal.ErrorCode);
        Assert.True((await _sandbox.RefundAsync(OutTradeNo, "RF4", 2800, 12800, "", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public void PAY_05_sandbox_refund_closed_and_abnormal_notifications_carry_their_event_types()
    {
        var closed = _platform.BuildRefundNotification(OutTradeNo, "RF1", 100, 12800, WeChatPayRefundStatuses.Closed);
        var abnormal = _platform.BuildRefundNotification(OutTradeNo, "RF1", 100, 12800, WeChatPayRefundStatuses.Abnormal);

        var closedResult = _parser.Parse(closed.Headers, closed.Body);
        var abnormalResult = _parser.Parse(abnormal.Headers, abnormal.Body);

        Assert.Equal(WeChatPayEventTypes.RefundClosed, closedResult.Notification?.EventType);
        Assert.Equal(WeChatPayRefundStatuses.Closed, closedResult.Refund?.RefundStatus);
        Assert.Null(closedResult.Refund?.SuccessTime);
        Assert.Equal(WeChatPayEventTypes.RefundAbnormal, abnormalResult.Notification?.EventType);
    }

    [Fact]
    public async Task PAY_02_same_order_number_returns_the_same_code_url_but_not_with_another_amount()
    {
        var first = await CreateOrder();
        var again = await CreateOrder();
        var changed = await CreateOrder(amountFen: 100);

        Assert.Equal(first.CodeUrl, again.CodeUrl);
        Assert.False(changed.Succeeded);
        Assert.Equal("OUT_TRADE_NO_USED", changed.ErrorCode);
    }

    [Fact]
    public async Task PAY_02_closed_or_expired_sandbox_orders_cannot_be_paid()
    {
        await CreateOrder();
        await _sandbox.CloseOrderAsync(OutTradeNo, CancellationToken.None);
        Assert.Null(_sandbox.PayOrder(OutTradeNo));
        Assert.Equal(WeChatPayTradeStates.Closed, (await _sandbox.QueryOrderAsync(OutTradeNo, CancellationToken.None))?.TradeState);
        Assert.Equal(WeChatPayErrorCodes.OrderClosed, (await CreateOrder()).ErrorCode);

        await _sandbox.CreateNativeOrderAsync("TE20261125000043", "培训费", 100, Now.AddMinutes(30), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(_sandbox.PayOrder("TE20261125000043"));
        Assert.Null(_sandbox.PayOrder("TE-UNKNOWN-1"));
    }

    [Fact]
    public async Task PAY_05_closing_a_paid_sandbox_order_is_refused_and_unknown_orders_query_as_null()
    {
        await CreateOrder();
        _sandbox.PayOrder(OutTradeNo);

        var error = await Assert.ThrowsAsync<WeChatPayException>(() => _sandbox.CloseOrderAsync(OutTradeNo, CancellationToken.None));

        Assert.Equal(WeChatPayErrorCodes.OrderPaid, error.Code);
        Assert.Equal(WeChatPayErrorCodes.OrderPaid, (await CreateOrder()).ErrorCode);
        Assert.Null(await _sandbox.QueryOrderAsync("TE20261125999999", CancellationToken.None));
    }

    [Fact]
    public async Task PAY_05_concurrent_payments_of_one_order_yield_one_transaction()
    {
        await CreateOrder();

        var notifications = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _sandbox.PayOrder(OutTradeNo))));

        var ids = notifications.Select(n => _parser.Parse(n!.Headers, n.Body).Transaction?.TransactionId).Distinct().ToList();
        Assert.Single(ids);
        Assert.NotNull(ids[0]);
    }
}
