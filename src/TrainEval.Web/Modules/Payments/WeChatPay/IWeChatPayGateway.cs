using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// Native payment (扫码支付) against WeChat Pay: <see cref="WeChatPayHttpGateway"/> (Live) or
/// <see cref="SandboxWeChatPay"/> (embedded default). Amounts are fen (分).
/// </summary>
public interface IWeChatPayGateway
{
    bool IsSandbox { get; }

    /// <summary>
    /// POST /v3/pay/transactions/native. Returns the code_url to render as a QR code, or a failure with WeChat's
    /// error code (PARAM_ERROR, ORDERPAID, ORDER_CLOSED, …), a transport failure (NETWORK_ERROR) or an unverifiable
    /// response (RESPONSE_NOT_VERIFIED). Calling again with the same out_trade_no and parameters returns the same code_url.
    /// </summary>
    Task<NativeOrderResult> CreateNativeOrderAsync(string outTradeNo, string description, long amountFen, DateTimeOffset expiresAt,
        CancellationToken ct);

    /// <summary>GET /v3/pay/transactions/out-trade-no/{out_trade_no}. Null when WeChat says ORDER_NOT_EXIST.</summary>
    /// <exception cref="WeChatPayException">Any other error, transport failure or unverifiable response.</exception>
    Task<TransactionResource?> QueryOrderAsync(string outTradeNo, CancellationToken ct);

    /// <summary>
    /// POST /v3/refund/domestic/refunds by out_trade_no. Succeeded means WeChat accepted the refund; its
    /// <see cref="RefundResult.Status"/> is usually PROCESSING and the final state arrives as a REFUND.* notification.
    /// Retrying with the same out_refund_no is idempotent.
    /// </summary>
    Task<RefundResult> RefundAsync(string outTradeNo, string outRefundNo, long refundFen, long totalFen, string reason, CancellationToken ct);

    /// <summary>POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close (204 on success).</summary>
    /// <exception cref="WeChatPayException">WeChat refused (e.g. ORDERPAID), transport failure or unverifiable response.</exception>
    Task CloseOrderAsync(string outTradeNo, CancellationToken ct);
}

/// <summary>Result of <see cref="IWeChatPayGateway.CreateNativeOrderAsync"/>.</summary>
public sealed record NativeOrderResult(bool Succeeded, string? CodeUrl, string? ErrorCode, string? ErrorMessage)
{
    public static NativeOrderResult Success(string codeUrl) => new(true, codeUrl, null, null);

    public static NativeOrderResult Failure(string errorCode, string errorMessage) => new(false, null, errorCode, errorMessage);
}

/// <summary>Result of <see cref="IWeChatPayGateway.RefundAsync"/>.</summary>
public sealed record RefundResult
{
    public bool Succeeded { get; init; }

    /// <summary>WeChat's refund_id (微信支付退款单号).</summary>
    public string? RefundId { get; init; }

    public string? OutRefundNo { get; init; }

    /// <summary>SUCCESS, CLOSED, PROCESSING or ABNORMAL (<see cref="WeChatPayRefundStatuses"/>).</summary>
    public string? Status { get; init; }

    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary>Refunded amount in fen, as WeChat echoed it.</summary>
    public long? RefundFen { get; init; }

    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }

    public static RefundResult Failure(string errorCode, string errorMessage)
        => new() { Succeeded = false, ErrorCode = errorCode, ErrorMessage = errorMessage };
}

/// <summary>A WeChat Pay call failed where the API has no result type to carry it (query, close).</summary>
public sealed class WeChatPayException : Exception
{
    public WeChatPayException(string code, string message, int? httpStatus = null, WeChatPayRejection? rejection = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
        Rejection = rejection;
    }

    /// <summary>WeChat's error code (SYSTEM_ERROR, ORDERPAID, …) or ours: NETWORK_ERROR, RESPONSE_NOT_VERIFIED, BAD_RESPONSE.</summary>
    public string Code { get; }

    public int? HttpStatus { get; }

    /// <summary>Set when the response's signature was refused.</summary>
    public WeChatPayRejection? Rejection { get; }
}

/// <summary>Error codes this layer produces itself (WeChat's own codes are passed through).</summary>
public static class WeChatPayErrorCodes
{
    public const string ParamError = "PARAM_ERROR";
    public const string OrderNotExist = "ORDER_NOT_EXIST";
    public const string ResourceNotExists = "RESOURCE_NOT_EXISTS";
    public const string OrderPaid = "ORDERPAID";
    public const string OrderClosed = "ORDER_CLOSED";
    public const string NotEnough = "NOT_ENOUGH";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string NetworkError = "NETWORK_ERROR";
    public const string ResponseNotVerified = "RESPONSE_NOT_VERIFIED";
    public const string BadResponse = "BAD_RESPONSE";
}

/// <summary>Input rules WeChat enforces, checked before calling so the sandbox and Live fail the same way.</summary>
internal static class WeChatPayInput
{
    /// <summary>out_trade_no: 6–32 characters of [0-9A-Za-z_-*].</summary>
    public static bool IsValidOutTradeNo(string? value)
        => value is { Length: >= 6 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '*');

    /// <summary>out_refund_no: 1–64 characters of [0-9A-Za-z_-|*@].</summary>
    public static bool IsValidOutRefundNo(string? value)
        => value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '|' or '*' or '@');

    public static string? CheckNativeOrder(string outTradeNo, string description, long amountFen)
    {
        if (!IsValidOutTradeNo(outTradeNo))
            return "out_trade_no must be 6-32 characters of [0-9A-Za-z_-*]";
        if (string.IsNullOrWhiteSpace(description) || Encoding.UTF8.GetByteCount(description) > 127)
            return "description must be 1-127 bytes";
        if (amountFen < 1)
            return "amount.total must be at least 1 fen";
        return null;
    }

    public static string? CheckRefund(string outTradeNo, string outRefundNo, long refundFen, long totalFen, string reason)
    {
        if (!IsValidOutTradeNo(outTradeNo))
            return "out_trade_no must be 6-32 characters of [0-9A-Za-z_-*]";
        if (!IsValidOutRefundNo(outRefundNo))
            return "out_refund_no must be 1-64 characters of [0-9A-Za-z_-|*@]";
        if (refundFen < 1 || totalFen < 1 || refundFen > totalFen)
            return "amount.refund must be between 1 fen and amount.total";
        if (reason is { Length: > 80 })
            return "reason must be at most 80 characters";
        return null;
    }
}
