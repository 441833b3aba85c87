using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>trade_state values (交易状态).</summary>
public static class WeChatPayTradeStates
{
    public const string Success = "SUCCESS";
    public const string Refund = "REFUND";
    public const string NotPay = "NOTPAY";
    public const string Closed = "CLOSED";
    public const string Revoked = "REVOKED";
    public const string UserPaying = "USERPAYING";
    public const string PayError = "PAYERROR";
}

/// <summary>refund_status / status values (退款状态).</summary>
public static class WeChatPayRefundStatuses
{
    public const string Success = "SUCCESS";
    public const string Closed = "CLOSED";
    public const string Processing = "PROCESSING";
    public const string Abnormal = "ABNORMAL";
}

/// <summary>event_type values of the notifications this layer decrypts.</summary>
public static class WeChatPayEventTypes
{
    public const string TransactionSuccess = "TRANSACTION.SUCCESS";
    public const string RefundSuccess = "REFUND.SUCCESS";
    public const string RefundAbnormal = "REFUND.ABNORMAL";
    public const string RefundClosed = "REFUND.CLOSED";
}

/// <summary>A payment (订单) as returned by the query API and inside TRANSACTION.* notifications.</summary>
public sealed record TransactionResource
{
    [JsonPropertyName("appid")] public string? AppId { get; init; }
    [JsonPropertyName("mchid")] public string? MchId { get; init; }
    [JsonPropertyName("out_trade_no")] public string? OutTradeNo { get; init; }
    [JsonPropertyName("transaction_id")] public string? TransactionId { get; init; }

    /// <summary>NATIVE, JSAPI, APP, MWEB, … (absent while NOTPAY).</summary>
    [JsonPropertyName("trade_type")] public string? TradeType { get; init; }

    /// <summary>See <see cref="WeChatPayTradeStates"/>.</summary>
    [JsonPropertyName("trade_state")] public string? TradeState { get; init; }

    [JsonPropertyName("trade_state_desc")] public string? TradeStateDesc { get; init; }
    [JsonPropertyName("bank_type")] public string? BankType { get; init; }
    [JsonPropertyName("attach")] public string? Attach { get; init; }
    [JsonPropertyName("success_time")] public DateTimeOffset? SuccessTime { get; init; }
    [JsonPropertyName("payer")] public TransactionPayer? Payer { get; init; }
    [JsonPropertyName("amount")] public TransactionAmount? Amount { get; init; }

    [JsonIgnore] public bool IsPaid => TradeState is WeChatPayTradeStates.Success or WeChatPayTradeStates.Refund;
}

public sealed record TransactionPayer
{
    [JsonPropertyName("openid")] public string? OpenId { get; init; }
}

/// <summary>Amounts in fen (分).</summary>
public sealed record TransactionAmount
{
    [JsonPropertyName("total")] public long Total { get; init; }
    [JsonPropertyName("payer_total")] public long? PayerTotal { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("payer_currency")] public string? PayerCurrency { get; init; }
}

/// <summary>A refund as carried by REFUND.* notifications.</summary>
public sealed record RefundResource
{
    [JsonPropertyName("mchid")] public string? MchId { get; init; }
    [JsonPropertyName("out_trade_no")] public string? OutTradeNo { get; init; }
    [JsonPropertyName("transaction_id")] public string? TransactionId { get; init; }
    [JsonPropertyName("out_refund_no")] public string? OutRefundNo { get; init; }
    [JsonPropertyName("refund_id")] public string? RefundId { get; init; }

    /// <summary>SUCCESS, CLOSED or ABNORMAL (see <see cref="WeChatPayRefundStatuses"/>).</summary>
    [JsonPropertyName("refund_status")] public string? RefundStatus { get; init; }

    [JsonPropertyName("success_time")] public DateTimeOffset? SuccessTime { get; init; }
    [JsonPropertyName("user_received_account")] public string? UserReceivedAccount { get; init; }
    [JsonPropertyName("amount")] public RefundAmount? Amount { get; init; }
}

/// <summary>Amounts in fen (分).</summary>
public sealed record RefundAmount
{
    [JsonPropertyName("total")] public long Total { get; init; }
    [JsonPropertyName("refund")] public long Refund { get; init; }
    [JsonPropertyName("payer_total")] public long? PayerTotal { get; init; }
    [JsonPropertyName("payer_refund")] public long? PayerRefund { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
}

/// <summary>JSON settings shared by the gateway, the sandbox and the notification parser.</summary>
internal static class WeChatPayJson
{
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>RFC 3339 in Beijing time, as WeChat writes it: 2026-11-25T16:00:00+08:00.</summary>
    public static string FormatTime(DateTimeOffset time)
        => time.ToOffset(BeijingOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Null instead of an exception when <paramref name="json"/> is not the expected JSON.</summary>
    public static T? TryDeserialize<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Server-to-server JSON written like WeChat writes it (raw UTF-8 Chinese, unescaped '+' in base64); never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new WeChatTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads RFC 3339 times (an empty string reads as null) and writes them in +08:00.</summary>
    private sealed class WeChatTimeConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
                return null;
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException("Expected an RFC 3339 time string.");
            var text = reader.GetString();
            if (string.IsNullOrEmpty(text))
                return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                ? value
                : throw new JsonException($"'{text}' is not an RFC 3339 time.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } time)
                writer.WriteStringValue(FormatTime(time));
            else
                writer.WriteNullValue();
        }
    }
}
