using QRCoder;
using TrainEval.Web.Modules.Payments.WeChatPay;

namespace TrainEval.Web.Modules.Payments.Pay;

/// <summary>
/// What every pay page does with a pending order, whatever it pays for: the Native-payment QR code, the labelled sandbox
/// payment (a signed, encrypted notification through the real verifier) and the "I have paid" query (PAY-03).
/// </summary>
public sealed class OrderPayment(IWeChatPayGateway gateway, IServiceProvider services, NotificationHandler notifications, PaymentProcessor processor)
{
    public bool IsSandbox => gateway.IsSandbox;

    public static string QrDataUri(PaymentOrder order)
    {
        if (order is not { Status: OrderStatus.Pending, CodeUrl.Length: > 0 }) return "";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(order.CodeUrl, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    /// <summary>沙箱 only: pays the order at the sandbox and processes its notification; null when not possible (Live, not pending).</summary>
    public async Task<string?> SimulateAsync(PaymentOrder order, CancellationToken ct)
    {
        if (!gateway.IsSandbox || order.Status != OrderStatus.Pending || order.Method != PaymentMethod.WeChatNative) return null;
        // Resolved only in sandbox mode, so a Live deployment never creates sandbox keys.
        var notification = services.GetRequiredService<SandboxWeChatPay>().PayOrder(order.OrderNo);
        if (notification is null) return null;
        var result = await notifications.HandleAsync(name => notification.Headers.TryGetValue(name, out var v) ? v : null, notification.Body, "sandbox", ct);
        return result.Accept ? "（沙箱）支付成功，已收到并验证支付通知。" : $"（沙箱）支付通知未通过验证：{result.Outcome}";
    }

    /// <summary>Asks the gateway for the order's state (the learner paid but the page has not updated yet) and records a payment found.</summary>
    public async Task<string> QueryAsync(PaymentOrder order, CancellationToken ct)
    {
        try
        {
            var t = await gateway.QueryOrderAsync(order.OrderNo, ct);
            if (t is { IsPaid: true }) await processor.RecordAsync(t, TransactionSource.Query, ct);
            return t is { IsPaid: true } ? "已确认支付成功。" : $"支付渠道显示：{t?.TradeStateDesc ?? "尚未支付"}。";
        }
        catch (WeChatPayException ex)
        {
            return $"暂时无法查询支付状态（{ex.Code}），请稍后再试。";
        }
    }
}

/// <summary>The model of the shared _PayPanel partial; <paramref name="Back"/> (a checked local path) is kept on its forms so the way back survives the post.</summary>
public sealed record PayPanel(PaymentOrder Order, string QrDataUri, bool IsSandbox, string? Back = null);
