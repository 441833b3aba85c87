using TrainEval.Web.Modules.Payments.Public;

namespace TrainEval.Web.Modules.Payments;

public enum OrderStatus { Pending = 0, Paid = 1, Closed = 2, Refunding = 3, Refunded = 4 }

public enum PaymentMethod { WeChatNative = 1, OfflineTransfer = 2 }

/// <summary>
/// An order (PAY-01, PAY-02) for an enrollment's fees — line items copied from the published fees the learner chose
/// (mandatory ones always included) — or for a makeup fee (MKP-01, <see cref="Purpose"/> MakeupFee, <see cref="ReferenceId"/>
/// the makeup application, one line from the makeup rules); amounts in fen, an order number. State changes happen through
/// conditional updates so concurrent notifications move an order to Paid exactly once (PAY-05).
/// </summary>
public sealed class PaymentOrder
{
    public Guid Id { get; private set; }
    public string OrderNo { get; private set; } = "";
    /// <summary>The enrollment the order belongs to (for a makeup fee: the learner's live enrollment in the project, if any).</summary>
    public Guid EnrollmentId { get; private set; }
    public PaymentPurpose Purpose { get; private set; }
    /// <summary>What the order pays for besides the enrollment: the makeup application for <see cref="PaymentPurpose.MakeupFee"/>.</summary>
    public Guid? ReferenceId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public string Description { get; private set; } = "";
    public long TotalFen { get; private set; }
    public OrderStatus Status { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string CodeUrl { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public string TransactionId { get; private set; } = "";
    public long PaidFen { get; private set; }
    public long RefundedFen { get; private set; }
    public List<OrderLine> Lines { get; private set; } = [];

    private PaymentOrder() { }

    public static PaymentOrder Create(string orderNo, Guid enrollmentId, Guid learnerId, Guid projectId, Guid institutionId, string description,
        IEnumerable<(Guid FeeId, string Name, long AmountFen, string Payee)> lines, DateTime nowUtc, TimeSpan validity)
    {
        var order = new PaymentOrder
        {
            Id = Guid.CreateVersion7(), OrderNo = orderNo, EnrollmentId = enrollmentId, LearnerId = learnerId, ProjectId = projectId,
            InstitutionId = institutionId, Description = description.Length > 100 ? description[..100] : description,
            Status = OrderStatus.Pending, Method = PaymentMethod.WeChatNative, CreatedAtUtc = nowUtc, ExpiresAtUtc = nowUtc + validity,
        };
        foreach (var l in lines) order.Lines.Add(new OrderLine(order.Id, l.FeeId, l.Name, l.AmountFen, l.Payee));
        order.TotalFen = order.Lines.Sum(l => l.AmountFen);
        return order;
    }

    /// <summary>A makeup fee order (MKP-01): one line, the fee of the rules version the application was judged under.</summary>
    public static PaymentOrder CreateMakeup(string orderNo, MakeupFeeOrder m, Guid enrollmentId, string projectName, DateTime nowUtc, TimeSpan validity)
    {
        var order = Create(orderNo, enrollmentId, m.LearnerId, m.ProjectId, m.EvaluationInstitutionId, $"{projectName} {m.Subject} 补考费",
            [(m.ApplicationId, $"补考费（{m.Subject}）", m.AmountFen, m.Payee)], nowUtc, validity);
        order.Purpose = PaymentPurpose.MakeupFee;
        order.ReferenceId = m.ApplicationId;
        return order;
    }

    public void AttachCodeUrl(string codeUrl) => CodeUrl = codeUrl;

    /// <summary>Paid offline (transfer or counter) as confirmed by finance; set in the same save as the offline transaction.</summary>
    public void MarkOffline() => Method = PaymentMethod.OfflineTransfer;

    /// <summary>A new order created for a payment finance already received offline: paid on creation.</summary>
    public void SettleOffline(string transactionId, long amountFen, DateTime paidAtUtc)
    {
        if (Status != OrderStatus.Pending) throw new InvalidOperationException("Only a new order can be settled offline on creation.");
        Status = OrderStatus.Paid;
        TransactionId = transactionId;
        PaidFen = amountFen;
        PaidAtUtc = paidAtUtc;
    }

    /// <summary>An unpaid order that will not be paid (its purpose lapsed): closed, never reopened by this call.</summary>
    public bool CloseUnpaid()
    {
        if (Status != OrderStatus.Pending) return false;
        Status = OrderStatus.Closed;
        return true;
    }

    public static string PurposeName(PaymentPurpose p) => p switch
    {
        PaymentPurpose.EnrollmentFees => "报名费", PaymentPurpose.MakeupFee => "补考费", _ => "",
    };

    public void RecordRefund(long fen, bool closesEnrollment)
    {
        RefundedFen += fen;
        if (closesEnrollment) Status = OrderStatus.Refunded;
    }

    public static string StatusName(OrderStatus s) => s switch
    {
        OrderStatus.Pending => "待支付", OrderStatus.Paid => "已支付", OrderStatus.Closed => "已关闭", OrderStatus.Refunding => "退款中",
        OrderStatus.Refunded => "已退款", _ => "",
    };
}

public sealed class OrderLine
{
    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid FeeId { get; private set; }
    public string Name { get; private set; } = "";
    public long AmountFen { get; private set; }
    public string Payee { get; private set; } = "";

    private OrderLine() { }
    internal OrderLine(Guid orderId, Guid feeId, string name, long amountFen, string payee)
    {
        Id = Guid.CreateVersion7(); OrderId = orderId; FeeId = feeId; Name = name; AmountFen = amountFen; Payee = payee;
    }
}

public enum TransactionSource { Notification = 1, Query = 2, Offline = 3 }

/// <summary>
/// A payment the gateway (or finance, for a transfer) reported. Unique by transaction id, so a repeated notification
/// can never be counted twice; a second, different transaction for an already paid order is kept and flagged as a
/// duplicate payment for refund (PAY-05).
/// </summary>
public sealed class PaymentTransaction
{
    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNo { get; private set; } = "";
    public string TransactionId { get; private set; } = "";
    public long AmountFen { get; private set; }
    public DateTime SucceededAtUtc { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public TransactionSource Source { get; private set; }
    public bool Duplicate { get; private set; }
    public string Note { get; private set; } = "";
    /// <summary>For an offline payment: the finance staff member who confirmed it.</summary>
    public Guid? RecordedBy { get; private set; }

    private PaymentTransaction() { }

    public PaymentTransaction(Guid orderId, string orderNo, string transactionId, long amountFen, DateTime succeededAtUtc, DateTime nowUtc,
        TransactionSource source, bool duplicate, string note, Guid? recordedBy = null)
    {
        Id = Guid.CreateVersion7(); OrderId = orderId; OrderNo = orderNo; TransactionId = transactionId; AmountFen = amountFen;
        SucceededAtUtc = succeededAtUtc; RecordedAtUtc = nowUtc; Source = source; Duplicate = duplicate; Note = note.Length > 300 ? note[..300] : note;
        RecordedBy = recordedBy;
    }

    /// <summary>The reference finance entered for an offline payment (its transaction id without the OFFLINE- prefix).</summary>
    public string OfflineReference => Source == TransactionSource.Offline && TransactionId.StartsWith(OfflinePrefix, StringComparison.Ordinal)
        ? TransactionId[OfflinePrefix.Length..] : "";

    public const string OfflinePrefix = "OFFLINE-";
}

/// <summary>Every notification received, accepted or not, with the reason (evidence for disputes, PAY-03).</summary>
public sealed class PaymentNotificationLog
{
    public long Id { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public string NotificationId { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public string OrderNo { get; private set; } = "";
    public string TransactionId { get; private set; } = "";
    public string Serial { get; private set; } = "";
    public string Ip { get; private set; } = "";

    private PaymentNotificationLog() { }

    public PaymentNotificationLog(DateTime nowUtc, string notificationId, string eventType, string outcome, string orderNo, string transactionId, string serial, string ip)
    {
        ReceivedAtUtc = nowUtc; NotificationId = Cut(notificationId, 64); EventType = Cut(eventType, 40); Outcome = Cut(outcome, 60);
        OrderNo = Cut(orderNo, 40); TransactionId = Cut(transactionId, 64); Serial = Cut(serial, 80); Ip = Cut(ip, 64);
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n];
}
