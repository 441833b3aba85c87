using System.Collections.Concurrent;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// The embedded default gateway (Mode = "Sandbox"): behaves like WeChat Pay's Native API for one merchant, without network.
/// Orders live in a thread-safe in-memory dictionary, so <b>sandbox state is lost on restart</b> (a restarted app queries
/// its earlier orders as "not found"); only the platform key and certificate persist (<see cref="SandboxPlatform"/>).
/// "Paying" is simulated by <see cref="PayOrder"/>, which returns the notification WeChat would send; deliver it to the
/// notification endpoint (or to <see cref="WeChatPayNotificationParser"/>) to exercise the real verification path.
/// </summary>
public sealed class SandboxWeChatPay(SandboxPlatform platform, TimeProvider timeProvider) : IWeChatPayGateway
{
    public const string CodeUrlPrefix = "weixin://wxpay/bizpayurl?pr=SANDBOX-";

    private readonly ConcurrentDictionary<string, SandboxOrder> _orders = new(StringComparer.Ordinal);

    public bool IsSandbox => true;

    public Task<NativeOrderResult> CreateNativeOrderAsync(string outTradeNo, string description, long amountFen, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (WeChatPayInput.CheckNativeOrder(outTradeNo, description, amountFen) is { } invalid)
            return Task.FromResult(NativeOrderResult.Failure(WeChatPayErrorCodes.ParamError, invalid));
        if (expiresAt <= timeProvider.GetUtcNow())
            return Task.FromResult(NativeOrderResult.Failure(WeChatPayErrorCodes.ParamError, "time_expire is in the past"));

        var order = _orders.GetOrAdd(outTradeNo, no => new SandboxOrder(no, description, amountFen, expiresAt));
        lock (order.Gate)
        {
            if (order.TradeState is WeChatPayTradeStates.Success or WeChatPayTradeStates.Refund)
                return Task.FromResult(NativeOrderResult.Failure(WeChatPayErrorCodes.OrderPaid, "该订单已支付 / order already paid"));
            if (order.TradeState == WeChatPayTradeStates.Closed)
                return Task.FromResult(NativeOrderResult.Failure(WeChatPayErrorCodes.OrderClosed, "该订单已关闭 / order closed"));
            if (order.AmountFen != amountFen || order.Description != description)
                return Task.FromResult(NativeOrderResult.Failure("OUT_TRADE_NO_USED", "商户订单号重复 / out_trade_no used with other parameters"));
            order.ExpiresAt = expiresAt;
            return Task.FromResult(NativeOrderResult.Success(CodeUrlPrefix + outTradeNo));
        }
    }

    public Task<TransactionResource?> QueryOrderAsync(string outTradeNo, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_orders.TryGetValue(outTradeNo, out var order))
            return Task.FromResult<TransactionResource?>(null);
        lock (order.Gate)
            return Task.FromResult<TransactionResource?>(Snapshot(order));
    }

    public Task<RefundResult> RefundAsync(string outTradeNo, string outRefundNo, long refundFen, long totalFen, string reason,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (WeChatPayInput.CheckRefund(outTradeNo, outRefundNo, refundFen, totalFen, reason) is { } invalid)
            return Task.FromResult(RefundResult.Failure(WeChatPayErrorCodes.ParamError, invalid));
        if (!_orders.TryGetValue(outTradeNo, out var order))
            return Task.FromResult(RefundResult.Failure(WeChatPayErrorCodes.ResourceNotExists, "订单不存在 / order does not exist"));

        lock (order.Gate)
        {
            if (order.Refunds.TryGetValue(outRefundNo, out var existing))
                return Task.FromResult(existing.RefundFen == refundFen
                    ? Accepted(existing)
                    : RefundResult.Failure(WeChatPayErrorCodes.InvalidRequest, "退款单号重复且金额不同 / out_refund_no reused with another amount"));
            if (order.TradeState is not (WeChatPayTradeStates.Success or WeChatPayTradeStates.Refund))
                return Task.FromResult(RefundResult.Failure(WeChatPayErrorCodes.InvalidRequest, "订单未支付 / order not paid"));
            if (totalFen != order.AmountFen)
                return Task.FromResult(RefundResult.Failure(WeChatPayErrorCodes.ParamError, "订单金额不一致 / amount.total differs from the order"));
            if (refundFen > order.AmountFen - order.Refunds.Values.Sum(r => r.RefundFen))
                return Task.FromResult(RefundResult.Failure(WeChatPayErrorCodes.InvalidRequest, "退款金额超过可退金额 / refund exceeds the refundable amount"));

            var refund = new SandboxRefund(outRefundNo, SandboxPlatform.NewRefundId(), refundFen, timeProvider.GetUtcNow());
            order.Refunds[outRefundNo] = refund;
            order.TradeState = WeChatPayTradeStates.Refund;
            return Task.FromResult(Accepted(refund));
        }
    }

    /// <summary>Closes an unpaid order; closing an unknown or already closed order does nothing.</summary>
    /// <exception cref="WeChatPayException">ORDERPAID when the order was paid.</exception>
    public Task CloseOrderAsync(string outTradeNo, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_orders.TryGetValue(outTradeNo, out var order))
            return Task.CompletedTask;
        lock (order.Gate)
        {
            if (order.TradeState is WeChatPayTradeStates.Success or WeChatPayTradeStates.Refund)
                throw new WeChatPayException(WeChatPayErrorCodes.OrderPaid, "该订单已支付 / order already paid", 400);
            order.TradeState = WeChatPayTradeStates.Closed;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Simulates the payer scanning and paying: the order becomes SUCCESS and the TRANSACTION.SUCCESS notification WeChat would
    /// send is returned (again on every call for a paid order, like WeChat's retries). Null when the order is unknown, closed
    /// or past its time_expire.
    /// </summary>
    public SandboxNotification? PayOrder(string outTradeNo, string? openId = null)
    {
        if (!_orders.TryGetValue(outTradeNo, out var order))
            return null;
        lock (order.Gate)
        {
            if (order.TradeState == WeChatPayTradeStates.NotPay)
            {
                var now = timeProvider.GetUtcNow();
                if (now >= order.ExpiresAt)
                    return null;
                order.TradeState = WeChatPayTradeStates.Success;
                order.TransactionId = SandboxPlatform.NewTransactionId(now);
                order.SuccessTime = now;
                order.OpenId = openId ?? "oSandbox" + WeChatPaySigner.CreateNonce(20);
            }
            else if (order.TradeState == WeChatPayTradeStates.Closed)
            {
                return null;
            }

            return platform.BuildPaidNotification(order.OutTradeNo, order.AmountFen, order.TransactionId, order.SuccessTime, order.OpenId);
        }
    }

    /// <summary>The REFUND.SUCCESS notification for a refund made through <see cref="RefundAsync"/>; null when unknown.</summary>
    public SandboxNotification? BuildRefundNotification(string outTradeNo, string outRefundNo)
    {
        if (!_orders.TryGetValue(outTradeNo, out var order))
            return null;
        lock (order.Gate)
        {
            return order.Refunds.TryGetValue(outRefundNo, out var refund)
                ? platform.BuildRefundNotification(order.OutTradeNo, refund.OutRefundNo, refund.RefundFen, order.AmountFen,
                    WeChatPayRefundStatuses.Success, order.TransactionId, refund.RefundId, refund.SuccessTime)
                : null;
        }
    }

    private TransactionResource Snapshot(SandboxOrder order)
    {
        var paid = order.TradeState is WeChatPayTradeStates.Success or WeChatPayTradeStates.Refund;
        return new TransactionResource
        {
            AppId = platform.Options.AppId,
            MchId = platform.Options.MchId,
            OutTradeNo = order.OutTradeNo,
            TransactionId = order.TransactionId,
            TradeType = paid ? "NATIVE" : null,
            TradeState = order.TradeState,
            TradeStateDesc = order.TradeState switch
            {
                WeChatPayTradeStates.Success => "支付成功",
                WeChatPayTradeStates.Refund => "转入退款",
                WeChatPayTradeStates.Closed => "订单已关闭",
                _ => "订单未支付",
            },
            BankType = paid ? "OTHERS" : null,
            SuccessTime = order.SuccessTime?.ToOffset(WeChatPayJson.BeijingOffset),
            Payer = paid ? new TransactionPayer { OpenId = order.OpenId } : null,
            Amount = new TransactionAmount
            {
                Total = order.AmountFen,
                PayerTotal = paid ? order.AmountFen : null,
                Currency = "CNY",
                PayerCurrency = paid ? "CNY" : null,
            },
        };
    }

    private static RefundResult Accepted(SandboxRefund refund) => new()
    {
        Succeeded = true,
        RefundId = refund.RefundId,
        OutRefundNo = refund.OutRefundNo,
        Status = WeChatPayRefundStatuses.Success,
        SuccessTime = refund.SuccessTime.ToOffset(WeChatPayJson.BeijingOffset),
        RefundFen = refund.RefundFen,
    };

    private sealed class SandboxOrder(string outTradeNo, string description, long amountFen, DateTimeOffset expiresAt)
    {
        public Lock Gate { get; } = new();
        public string OutTradeNo { get; } = outTradeNo;
        public string Description { get; } = description;
        public long AmountFen { get; } = amountFen;
        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;
        public string TradeState { get; set; } = WeChatPayTradeStates.NotPay;
        public string? TransactionId { get; set; }
        public DateTimeOffset? SuccessTime { get; set; }
        public string? OpenId { get; set; }
        public Dictionary<string, SandboxRefund> Refunds { get; } = new(StringComparer.Ordinal);
    }

    private sealed record SandboxRefund(string OutRefundNo, string RefundId, long RefundFen, DateTimeOffset SuccessTime);
}
