using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.UnitTests.Payments.WeChatPayTestKit;

namespace TrainEval.UnitTests.Payments;

public sealed class WeChatPayHttpGatewayTests : IDisposable
{
    private const string OutTradeNo = "TE20261125000001";
    private const string CodeUrl = "weixin://wxpay/bizpayurl?pr=p4lpSuKzz";

    private readonly FakeTimeProvider _clock = Clock();
    private readonly FakeWeChatPayServer _server;
    private readonly HttpClient _http;
    private readonly WeChatPaySigner _signer;
    private readonly WeChatPayVerifier _verifier;
    private readonly WeChatPayHttpGateway _gateway;

    public WeChatPayHttpGatewayTests()
    {
        var options = LiveOptions();
        _server = new FakeWeChatPayServer(_clock);
        _http = new HttpClient(_server);
        _signer = new WeChatPaySigner(options, _clock);
        _verifier = new WeChatPayVerifier(options, _clock);
        _gateway = new WeChatPayHttpGateway(_http, options, _signer, _verifier);
    }

    public void Dispose()
    {
        _http.Dispose();
        _signer.Dispose();
        _verifier.Dispose();
    }

    private Task<NativeOrderResult> CreateOrder()
        => _gateway.CreateNativeOrderAsync(OutTradeNo, "社会体育指导员（五级）培训费", 12800, Now.AddMinutes(30), CancellationToken.None);

    [Fact]
    public async Task PAY_02_live_gateway_creates_a_native_order_and_returns_the_code_url()
    {
        _server.Respond = r => r.PathAndQuery == "/v3/pay/transactions/native"
            ? (HttpStatusCode.OK, $"{{\"code_url\":\"{CodeUrl}\"}}")
            : (HttpStatusCode.NotFound, "{}");

        var result = await CreateOrder();

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(CodeUrl, result.CodeUrl);
        Assert.False(_gateway.IsSandbox);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/json", request.ContentType);
        Assert.False(string.IsNullOrEmpty(request.UserAgent));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(AppId, root.GetProperty("appid").GetString());
        Assert.Equal(MchId, root.GetProperty("mchid").GetString());
        Assert.Equal("社会体育指导员（五级）培训费", root.GetProperty("description").GetString());
        Assert.Equal(OutTradeNo, root.GetProperty("out_trade_no").GetString());
        Assert.Equal("2026-11-25T16:30:00+08:00", root.GetProperty("time_expire").GetString());
        Assert.Equal(NotifyUrl, root.GetProperty("notify_url").GetString());
        Assert.Equal(12800, root.GetProperty("amount").GetProperty("total").GetInt64());
        Assert.Equal("CNY", root.GetProperty("amount").GetProperty("currency").GetString());
    }

    [Theory]
    [InlineData(FakeResponseSigning.WrongKey)]
    [InlineData(FakeResponseSigning.Unsigned)]
    [InlineData(FakeResponseSigning.TamperedAfterSigning)]
    [InlineData(FakeResponseSigning.Stale)]
    public async Task PAY_02_live_gateway_refuses_a_response_that_is_not_validly_signed(FakeResponseSigning signing)
    {
        _server.Signing = signing;
        _server.Respond = _ => (HttpStatusCode.OK, $"{{\"code_url\":\"{CodeUrl}\",\"amount\":12800}}");

        var result = await CreateOrder();

        Assert.False(result.Succeeded);
        Assert.Null(result.CodeUrl);
        Assert.Equal(WeChatPayErrorCodes.ResponseNotVerified, result.ErrorCode);
    }

    [Fact]
    public async Task PAY_02_live_gateway_passes_a_signed_wechat_error_through()
    {
        _server.Respond = _ => (HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"time_expire时间不能早于当前时间\"}");

        var result = await CreateOrder();

        Assert.False(result.Succeeded);
        Assert.Equal("PARAM_ERROR", result.ErrorCode);
        Assert.Equal("time_expire时间不能早于当前时间", result.ErrorMessage);
    }

    [Fact]
    public async Task PAY_02_live_gateway_checks_input_before_calling_wechat()
    {
        var result = await _gateway.CreateNativeOrderAsync("short", "培训费", 12800, Now.AddMinutes(30), CancellationToken.None);

        Assert.Equal(WeChatPayErrorCodes.ParamError, result.ErrorCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task PAY_02_live_gateway_reports_an_unreachable_wechat_as_a_network_error()
    {
        using var http = new HttpClient(new ThrowingHandler());
        var gateway = new WeChatPayHttpGateway(http, LiveOptions(), _signer, _verifier);

        var result = await gateway.CreateNativeOrderAsync(OutTradeNo, "培训费", 12800, Now.AddMinutes(30), CancellationToken.None);

        Assert.Equal(WeChatPayErrorCodes.NetworkError, result.ErrorCode);
    }

    [Fact]
    public async Task PAY_03_live_gateway_query_maps_the_transaction_fields()
    {
        _server.Respond = r => r.Method == "GET" && r.PathAndQuery == $"/v3/pay/transactions/out-trade-no/{OutTradeNo}?mchid={MchId}"
            ? (HttpStatusCode.OK, TransactionJson(OutTradeNo))
            : (HttpStatusCode.NotFound, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");

        var transaction = await _gateway.QueryOrderAsync(OutTradeNo, CancellationToken.None);

        Assert.NotNull(transaction);
        Assert.Equal(OutTradeNo, transaction.OutTradeNo);
        Assert.Equal("4200000985202611250123456789", transaction.TransactionId);
        Assert.Equal(WeChatPayTradeStates.Success, transaction.TradeState);
        Assert.Equal("支付成功", transaction.TradeStateDesc);
        Assert.Equal("NATIVE", transaction.TradeType);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 59, 30, TimeSpan.FromHours(8)), transaction.SuccessTime);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", transaction.Payer?.OpenId);
        Assert.Equal(12800, transaction.Amount?.Total);
        Assert.Equal(12800, transaction.Amount?.PayerTotal);
        Assert.Equal("CNY", transaction.Amount?.PayerCurrency);
        Assert.Equal("", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task PAY_03_live_gateway_query_of_an_unpaid_order_reads_empty_times_as_null()
    {
        _server.Respond = _ => (HttpStatusCode.OK, $$$"""
            {"appid":"{{{AppId}}}","mchid":"{{{MchId}}}","out_trade_no":"{{{OutTradeNo}}}","trade_state":"NOTPAY",
             "trade_state_desc":"订单未支付","success_time":"","amount":{"total":12800,"currency":"CNY"}}
            """);

        var transaction = await _gateway.QueryOrderAsync(OutTradeNo, CancellationToken.None);

        Assert.Equal(WeChatPayTradeStates.NotPay, transaction?.TradeState);
        Assert.Null(transaction?.SuccessTime);
        Assert.False(transaction?.IsPaid);
    }

    [Fact]
    public async Task PAY_03_live_gateway_query_returns_null_when_wechat_says_the_order_does_not_exist()
    {
        _server.Respond = _ => (HttpStatusCode.NotFound, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");

        Assert.Null(await _gateway.QueryOrderAsync(OutTradeNo, CancellationToken.None));
    }

    [Fact]
    public async Task PAY_03_live_gateway_query_with_a_bad_signature_throws_instead_of_guessing()
    {
        _server.Signing = FakeResponseSigning.WrongKey;
        _server.Respond = _ => (HttpStatusCode.NotFound, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");

        var error = await Assert.ThrowsAsync<WeChatPayException>(() => _gateway.QueryOrderAsync(OutTradeNo, CancellationToken.None));

        Assert.Equal(WeChatPayErrorCodes.ResponseNotVerified, error.Code);
        Assert.Equal(WeChatPayRejection.BadSignature, error.Rejection);
    }

    [Fact]
    public async Task PAY_03_live_gateway_query_refuses_an_answer_about_another_order()
    {
        _server.Respond = _ => (HttpStatusCode.OK, TransactionJson("TE20261125999999"));

        var error = await Assert.ThrowsAsync<WeChatPayException>(() => _gateway.QueryOrderAsync(OutTradeNo, CancellationToken.None));

        Assert.Equal(WeChatPayErrorCodes.BadResponse, error.Code);
    }

    [Fact]
    public async Task PAY_03_live_gateway_closes_an_order_with_a_signed_204()
    {
        _server.Respond = r => r.PathAndQuery == $"/v3/pay/transactions/out-trade-no/{OutTradeNo}/close"
            ? (HttpStatusCode.NoContent, "")
            : (HttpStatusCode.NotFound, "{}");

        await _gateway.CloseOrderAsync(OutTradeNo, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{{\"mchid\":\"{MchId}\"}}", request.Body);
    }

    [Fact]
    public async Task PAY_03_live_gateway_close_of_a_paid_order_throws_wechats_code()
    {
        _server.Respond = _ => (HttpStatusCode.BadRequest, "{\"code\":\"ORDERPAID\",\"message\":\"订单已支付\"}");

        var error = await Assert.ThrowsAsync<WeChatPayException>(() => _gateway.CloseOrderAsync(OutTradeNo, CancellationToken.None));

        Assert.Equal("ORDERPAID", error.Code);
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task PAY_05_live_gateway_requests_a_refund_and_maps_the_answer()
    {
        _server.Respond = r => r.PathAndQuery == "/v3/refund/domestic/refunds"
            ? (HttpStatusCode.OK, """
               {"refund_id":"50000000382019052709732678859","out_refund_no":"RF20261125000001","transaction_id":"4200000985202611250123456789",
                "out_trade_no":"TE20261125000001","channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","success_time":"",
                "create_time":"2026-11-25T16:05:00+08:00","status":"PROCESSING","funds_account":"AVAILABLE",
                "amount":{"total":12800,"refund":3000,"payer_total":12800,"payer_refund":3000,"currency":"CNY"}}
               """)
            : (HttpStatusCode.NotFound, "{}");

        var result = await _gateway.RefundAsync(OutTradeNo, "RF20261125000001", 3000, 12800, "重复缴费退款", CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("50000000382019052709732678859", result.RefundId);
        Assert.Equal("RF20261125000001", result.OutRefundNo);
        Assert.Equal(WeChatPayRefundStatuses.Processing, result.Status);
        Assert.Equal(3000, result.RefundFen);
        Assert.Null(result.SuccessTime);
        using var json = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        var root = json.RootElement;
        Assert.Equal(OutTradeNo, root.GetProperty("out_trade_no").GetString());
        Assert.Equal("RF20261125000001", root.GetProperty("out_refund_no").GetString());
        Assert.Equal("重复缴费退款", root.GetProperty("reason").GetString());
        Assert.Equal(NotifyUrl, root.GetProperty("notify_url").GetString());
        Assert.Equal(3000, root.GetProperty("amount").GetProperty("refund").GetInt64());
        Assert.Equal(12800, root.GetProperty("amount").GetProperty("total").GetInt64());
        Assert.Equal("CNY", root.GetProperty("amount").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task PAY_05_live_gateway_refund_with_a_bad_signature_is_a_failure()
    {
        _server.Signing = FakeResponseSigning.WrongKey;
        _server.Respond = _ => (HttpStatusCode.OK, "{\"refund_id\":\"1\",\"out_refund_no\":\"RF20261125000001\",\"status\":\"SUCCESS\"}");

        var result = await _gateway.RefundAsync(OutTradeNo, "RF20261125000001", 3000, 12800, "", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(WeChatPayErrorCodes.ResponseNotVerified, result.ErrorCode);
    }

    [Fact]
    public async Task PAY_05_live_gateway_refuses_a_refund_larger_than_the_payment_before_calling()
    {
        var result = await _gateway.RefundAsync(OutTradeNo, "RF20261125000001", 12801, 12800, "", CancellationToken.None);

        Assert.Equal(WeChatPayErrorCodes.ParamError, result.ErrorCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task PAY_02_requests_signed_with_the_wrong_merchant_key_are_refused_by_wechat()
    {
        var options = LiveOptions();
        options.MerchantPrivateKeyPem = OtherPrivateKeyPem;
        using var wrongSigner = new WeChatPaySigner(options, _clock);
        var gateway = new WeChatPayHttpGateway(_http, options, wrongSigner, _verifier);

        var result = await gateway.CreateNativeOrderAsync(OutTradeNo, "培训费", 12800, Now.AddMinutes(30), CancellationToken.None);

        // WeChat answers 401 SIGN_ERROR without a signature: the gateway cannot trust it, so it is "not verified".
        Assert.False(result.Succeeded);
        Assert.Equal(WeChatPayErrorCodes.ResponseNotVerified, result.ErrorCode);
        Assert.Contains("SIGN_ERROR", result.ErrorMessage, StringComparison.Ordinal);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new HttpRequestException("Connection refused (api.mch.weixin.qq.com:443)");
    }
}
