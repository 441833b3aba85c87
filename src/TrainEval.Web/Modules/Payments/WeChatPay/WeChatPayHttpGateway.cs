using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// The Live gateway: calls api.mch.weixin.qq.com (or <see cref="WeChatPayOptions.BaseUrl"/>), signs every request with
/// <see cref="WeChatPaySigner"/> and accepts a response only when <see cref="WeChatPayVerifier"/> verifies its signature
/// (an unsigned or badly signed response is a failure, whatever its status code). Register as a typed HttpClient.
/// </summary>
public sealed class WeChatPayHttpGateway(HttpClient httpClient, WeChatPayOptions options, WeChatPaySigner signer, WeChatPayVerifier verifier)
    : IWeChatPayGateway
{
    private const string UserAgent = "TrainEval-WeChatPay/1.0";

    public bool IsSandbox => false;

    public async Task<NativeOrderResult> CreateNativeOrderAsync(string outTradeNo, string description, long amountFen,
        DateTimeOffset expiresAt, CancellationToken ct)
    {
        if (WeChatPayInput.CheckNativeOrder(outTradeNo, description, amountFen) is { } invalid)
            return NativeOrderResult.Failure(WeChatPayErrorCodes.ParamError, invalid);

        var request = new NativeOrderRequest(options.AppId, options.MchId, description, outTradeNo, WeChatPayJson.FormatTime(expiresAt),
            options.NotifyUrl, new OrderAmount(amountFen, "CNY"));
        try
        {
            var reply = await SendAsync(HttpMethod.Post, "/v3/pay/transactions/native", WeChatPayJson.Serialize(request), ct);
            if (!reply.IsSuccess)
                return NativeOrderResult.Failure(reply.ErrorCode, reply.ErrorMessage);
            return WeChatPayJson.TryDeserialize<NativeOrderResponse>(reply.Body) is { CodeUrl: { Length: > 0 } codeUrl }
                ? NativeOrderResult.Success(codeUrl)
                : NativeOrderResult.Failure(WeChatPayErrorCodes.BadResponse, "response has no code_url");
        }
        catch (WeChatPayException e)
        {
            return NativeOrderResult.Failure(e.Code, e.Message);
        }
    }

    public async Task<TransactionResource?> QueryOrderAsync(string outTradeNo, CancellationToken ct)
    {
        var path = $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(outTradeNo)}?mchid={Uri.EscapeDataString(options.MchId)}";
        var reply = await SendAsync(HttpMethod.Get, path, null, ct);
        if (reply.Status == HttpStatusCode.NotFound
            && reply.ErrorCode is WeChatPayErrorCodes.OrderNotExist or WeChatPayErrorCodes.ResourceNotExists)
            return null;
        if (!reply.IsSuccess)
            throw new WeChatPayException(reply.ErrorCode, reply.ErrorMessage, (int)reply.Status);

        var transaction = WeChatPayJson.TryDeserialize<TransactionResource>(reply.Body)
            ?? throw new WeChatPayException(WeChatPayErrorCodes.BadResponse, "order query response is not a transaction", (int)reply.Status);
        if (!string.Equals(transaction.OutTradeNo, outTradeNo, StringComparison.Ordinal)
            || !string.Equals(transaction.MchId, options.MchId, StringComparison.Ordinal))
            throw new WeChatPayException(WeChatPayErrorCodes.BadResponse, "order query answered for another order or merchant", (int)reply.Status);
        return transaction;
    }

    public async Task<RefundResult> RefundAsync(string outTradeNo, string outRefundNo, long refundFen, long totalFen, string reason,
        CancellationToken ct)
    {
        if (WeChatPayInput.CheckRefund(outTradeNo, outRefundNo, refundFen, totalFen, reason) is { } invalid)
            return RefundResult.Failure(WeChatPayErrorCodes.ParamError, invalid);

        var notifyUrl = options.EffectiveRefundNotifyUrl;
        var request = new RefundRequest(outTradeNo, outRefundNo, string.IsNullOrWhiteSpace(reason) ? null : reason,
            string.IsNullOrWhiteSpace(notifyUrl) ? null : notifyUrl, new RefundRequestAmount(refundFen, totalFen, "CNY"));
        try
        {
            var reply = await SendAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", WeChatPayJson.Serialize(request), ct);
            if (!reply.IsSuccess)
                return RefundResult.Failure(reply.ErrorCode, reply.ErrorMessage);
            if (WeChatPayJson.TryDeserialize<RefundResponse>(reply.Body) is not { RefundId.Length: > 0, Status.Length: > 0 } refund
                || !string.Equals(refund.OutRefundNo, outRefundNo, StringComparison.Ordinal))
                return RefundResult.Failure(WeChatPayErrorCodes.BadResponse, "refund response is incomplete or for another refund");
            return new RefundResult
            {
                Succeeded = true,
                RefundId = refund.RefundId,
                OutRefundNo = refund.OutRefundNo,
                Status = refund.Status,
                SuccessTime = refund.SuccessTime,
                RefundFen = refund.Amount?.Refund,
            };
        }
        catch (WeChatPayException e)
        {
            return RefundResult.Failure(e.Code, e.Message);
        }
    }

    public async Task CloseOrderAsync(string outTradeNo, CancellationToken ct)
    {
        var path = $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(outTradeNo)}/close";
        var reply = await SendAsync(HttpMethod.Post, path, WeChatPayJson.Serialize(new CloseRequest(options.MchId)), ct);
        if (!reply.IsSuccess)
            throw new WeChatPayException(reply.ErrorCode, reply.ErrorMessage, (int)reply.Status);
    }

    /// <summary>Sends a signed request; returns only responses whose signature verified.</summary>
    /// <exception cref="WeChatPayException">NETWORK_ERROR, or RESPONSE_NOT_VERIFIED when the response is unsigned or badly signed.</exception>
    private async Task<Reply> SendAsync(HttpMethod method, string pathAndQuery, string? body, CancellationToken ct)
    {
        var uri = new Uri(options.BaseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", signer.BuildAuthorization(method.Method, uri.PathAndQuery, body ?? ""));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpStatusCode status;
        string responseBody;
        WeChatPayVerification verification;
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            status = response.StatusCode;
            responseBody = await response.Content.ReadAsStringAsync(ct);
            verification = verifier.Verify(name => Header(response, name), responseBody);
        }
        catch (HttpRequestException e)
        {
            throw new WeChatPayException(WeChatPayErrorCodes.NetworkError, $"WeChat Pay unreachable: {e.Message}", innerException: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new WeChatPayException(WeChatPayErrorCodes.NetworkError, "WeChat Pay did not answer in time", innerException: e);
        }

        var error = (int)status is >= 200 and < 300 ? null : WeChatPayJson.TryDeserialize<ErrorResponse>(responseBody);
        if (!verification.IsValid)
        {
            var claimed = (int)status is >= 200 and < 300 ? "" : $" (it claimed HTTP {(int)status} {error?.Code})";
            throw new WeChatPayException(WeChatPayErrorCodes.ResponseNotVerified,
                $"WeChat Pay response signature refused: {verification.Rejection} {verification.Detail}{claimed}",
                (int)status, verification.Rejection);
        }

        return new Reply(status, responseBody, error?.Code ?? $"HTTP_{(int)status}", error?.Message ?? $"WeChat Pay answered HTTP {(int)status}");
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record Reply(HttpStatusCode Status, string Body, string ErrorCode, string ErrorMessage)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    private sealed record NativeOrderRequest(
        [property: JsonPropertyName("appid")] string AppId,
        [property: JsonPropertyName("mchid")] string MchId,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("out_trade_no")] string OutTradeNo,
        [property: JsonPropertyName("time_expire")] string TimeExpire,
        [property: JsonPropertyName("notify_url")] string NotifyUrl,
        [property: JsonPropertyName("amount")] OrderAmount Amount);

    private sealed record OrderAmount(
        [property: JsonPropertyName("total")] long Total,
        [property: JsonPropertyName("currency")] string Currency);

    private sealed record NativeOrderResponse([property: JsonPropertyName("code_url")] string? CodeUrl);

    private sealed record CloseRequest([property: JsonPropertyName("mchid")] string MchId);

    private sealed record RefundRequest(
        [property: JsonPropertyName("out_trade_no")] string OutTradeNo,
        [property: JsonPropertyName("out_refund_no")] string OutRefundNo,
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("notify_url")] string? NotifyUrl,
        [property: JsonPropertyName("amount")] RefundRequestAmount Amount);

    private sealed record RefundRequestAmount(
        [property: JsonPropertyName("refund")] long Refund,
        [property: JsonPropertyName("total")] long Total,
        [property: JsonPropertyName("currency")] string Currency);

    private sealed record ErrorResponse(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("message")] string? Message);
}

/// <summary>The refund API's response body (POST /v3/refund/domestic/refunds); the sandbox writes the same shape.</summary>
internal sealed record RefundResponse
{
    [JsonPropertyName("refund_id")] public string? RefundId { get; init; }
    [JsonPropertyName("out_refund_no")] public string? OutRefundNo { get; init; }
    [JsonPropertyName("transaction_id")] public string? TransactionId { get; init; }
    [JsonPropertyName("out_trade_no")] public string? OutTradeNo { get; init; }
    [JsonPropertyName("channel")] public string? Channel { get; init; }
    [JsonPropertyName("user_received_account")] public string? UserReceivedAccount { get; init; }
    [JsonPropertyName("success_time")] public DateTimeOffset? SuccessTime { get; init; }
    [JsonPropertyName("create_time")] public DateTimeOffset? CreateTime { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("amount")] public RefundAmount? Amount { get; init; }
}
