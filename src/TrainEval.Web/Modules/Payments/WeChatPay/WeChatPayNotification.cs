using System.Text.Json.Serialization;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>The outer JSON of a WeChat Pay notification (支付/退款结果通知).</summary>
public sealed record WeChatPayNotification
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("create_time")] public DateTimeOffset? CreateTime { get; init; }

    /// <summary>See <see cref="WeChatPayEventTypes"/>.</summary>
    [JsonPropertyName("event_type")] public string? EventType { get; init; }

    /// <summary>"encrypt-resource".</summary>
    [JsonPropertyName("resource_type")] public string? ResourceType { get; init; }

    [JsonPropertyName("summary")] public string? Summary { get; init; }
    [JsonPropertyName("resource")] public WeChatPayEncryptedResource? Resource { get; init; }
}

/// <summary>The encrypted resource of a notification.</summary>
public sealed record WeChatPayEncryptedResource
{
    /// <summary>"AEAD_AES_256_GCM".</summary>
    [JsonPropertyName("algorithm")] public string? Algorithm { get; init; }

    [JsonPropertyName("ciphertext")] public string? Ciphertext { get; init; }
    [JsonPropertyName("associated_data")] public string? AssociatedData { get; init; }

    /// <summary>"transaction" or "refund".</summary>
    [JsonPropertyName("original_type")] public string? OriginalType { get; init; }

    [JsonPropertyName("nonce")] public string? Nonce { get; init; }
}

/// <summary>
/// Outcome of <see cref="WeChatPayNotificationParser"/>: on success exactly one of <see cref="Transaction"/> and
/// <see cref="Refund"/> is set; otherwise <see cref="Rejection"/> says why.
/// </summary>
public sealed record WeChatPayNotificationResult
{
    public WeChatPayRejection? Rejection { get; init; }

    /// <summary>Human-readable reason (for logs and audit detail; never shown to WeChat).</summary>
    public string? Detail { get; init; }

    /// <summary>The outer notification; set once the signature verified and the body parsed.</summary>
    public WeChatPayNotification? Notification { get; init; }

    public TransactionResource? Transaction { get; init; }
    public RefundResource? Refund { get; init; }

    public bool Succeeded => Rejection is null;

    /// <summary>
    /// True when the notification is genuine (signature verified) but not for us to process — an unsupported event_type.
    /// Such a notification may be acknowledged so WeChat stops retrying.
    /// </summary>
    public bool IsAuthenticButUnsupported => Rejection == WeChatPayRejection.UnsupportedEvent;

    internal static WeChatPayNotificationResult Fail(WeChatPayRejection rejection, string detail, WeChatPayNotification? notification = null)
        => new() { Rejection = rejection, Detail = detail, Notification = notification };
}

/// <summary>
/// Verifies a notification's signature, then decrypts its resource with the APIv3 key into a
/// <see cref="TransactionResource"/> (TRANSACTION.SUCCESS) or a <see cref="RefundResource"/> (REFUND.SUCCESS/ABNORMAL/CLOSED),
/// and checks the resource's mchid. Never throws for bad input. Thread-safe.
/// </summary>
public sealed class WeChatPayNotificationParser(WeChatPayOptions options, WeChatPayVerifier verifier)
{
    /// <param name="header">Header lookup, e.g. <c>name => request.Headers[name].ToString()</c>; empty means missing.</param>
    /// <param name="body">The raw request body exactly as received (read it as a string before any JSON binding).</param>
    public WeChatPayNotificationResult Parse(Func<string, string?> header, string body)
    {
        var verification = verifier.Verify(header, body);
        if (!verification.IsValid)
            return WeChatPayNotificationResult.Fail(verification.Rejection!.Value, verification.Detail ?? "");

        return Open(body);
    }

    public WeChatPayNotificationResult Parse(IReadOnlyDictionary<string, string> headers, string body)
        => Parse(name => WeChatPayVerifier.Lookup(headers, name), body);

    private WeChatPayNotificationResult Open(string body)
    {
        var notification = WeChatPayJson.TryDeserialize<WeChatPayNotification>(body);
        if (notification is null)
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.Malformed, "body is not a WeChat Pay notification JSON");

        var resource = notification.Resource;
        if (resource is null || string.IsNullOrEmpty(resource.Ciphertext) || string.IsNullOrEmpty(resource.Nonce))
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.Malformed, "resource, ciphertext or nonce missing", notification);
        if (!string.Equals(resource.Algorithm, WeChatPayCrypto.Algorithm, StringComparison.Ordinal))
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.Malformed, $"unsupported algorithm '{resource.Algorithm}'", notification);

        var isTransaction = notification.EventType == WeChatPayEventTypes.TransactionSuccess;
        var isRefund = notification.EventType is WeChatPayEventTypes.RefundSuccess or WeChatPayEventTypes.RefundAbnormal
            or WeChatPayEventTypes.RefundClosed;
        if (!isTransaction && !isRefund)
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.UnsupportedEvent,
                $"event_type '{notification.EventType}' is not handled", notification);

        if (!WeChatPayCrypto.TryDecryptResource(options.ApiV3Key, resource.AssociatedData, resource.Nonce, resource.Ciphertext, out var plaintext))
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.DecryptionFailed,
                "AEAD_AES_256_GCM decryption failed (wrong APIv3 key or tampered resource)", notification);

        if (isTransaction)
        {
            var transaction = WeChatPayJson.TryDeserialize<TransactionResource>(plaintext);
            if (transaction is null || string.IsNullOrEmpty(transaction.OutTradeNo) || transaction.Amount is null)
                return WeChatPayNotificationResult.Fail(WeChatPayRejection.Malformed, "decrypted transaction is incomplete", notification);
            if (!string.Equals(transaction.MchId, options.MchId, StringComparison.Ordinal))
                return WeChatPayNotificationResult.Fail(WeChatPayRejection.MerchantMismatch,
                    $"mchid '{transaction.MchId}' is not ours", notification);
            return new WeChatPayNotificationResult { Notification = notification, Transaction = transaction };
        }

        var refund = WeChatPayJson.TryDeserialize<RefundResource>(plaintext);
        if (refund is null || string.IsNullOrEmpty(refund.OutTradeNo) || string.IsNullOrEmpty(refund.OutRefundNo) || refund.Amount is null)
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.Malformed, "decrypted refund is incomplete", notification);
        if (!string.Equals(refund.MchId, options.MchId, StringComparison.Ordinal))
            return WeChatPayNotificationResult.Fail(WeChatPayRejection.MerchantMismatch, $"mchid '{refund.MchId}' is not ours", notification);
        return new WeChatPayNotificationResult { Notification = notification, Refund = refund };
    }
}
