using Microsoft.EntityFrameworkCore;
namespace TrainEval.Web.Modules.Payments.Refunds;

public enum RefundKind { LearnerRequest = 1, DuplicatePayment = 2, InstitutionFault = 3, EnrollmentRejected = 4, MakeupNotHeld = 5 }

public enum RefundStatus { Requested = 0, Processing = 1, Succeeded = 2, Failed = 3, Refused = 4 }

/// <summary>
/// A refund (PAY-04, PAY-05): requested by the learner (amount from the published rule) or raised by finance for a
/// duplicate payment or an institution-caused failure; approved by finance; paid back through the gateway or offline.
/// Every step is kept with who and when.
/// </summary>
public sealed class Refund
{
    public Guid Id { get; private set; }
    public string OutRefundNo { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public string OrderNo { get; private set; } = "";
    public Guid EnrollmentId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public RefundKind Kind { get; private set; }
    public long AmountFen { get; private set; }
    public string Formula { get; private set; } = "";
    public string Reason { get; private set; } = "";
    /// <summary>For a duplicate payment: the gateway transaction being returned.</summary>
    public string TransactionId { get; private set; } = "";
    public RefundStatus Status { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public Guid? RequestedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string DecisionNote { get; private set; } = "";
    public string GatewayRefundId { get; private set; } = "";
    public DateTime? SucceededAtUtc { get; private set; }

    private Refund() { }

    public static Refund Request(string outRefundNo, PaymentOrder order, RefundKind kind, long amountFen, string formula, string reason,
        string transactionId, Guid? by, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), OutRefundNo = outRefundNo, OrderId = order.Id, OrderNo = order.OrderNo, EnrollmentId = order.EnrollmentId,
        LearnerId = order.LearnerId, InstitutionId = order.InstitutionId, Kind = kind, AmountFen = amountFen, Formula = formula, Reason = reason,
        TransactionId = transactionId, Status = RefundStatus.Requested, RequestedAtUtc = nowUtc, RequestedBy = by,
    };

    public void Approve(Guid by, string note, DateTime nowUtc) { Status = RefundStatus.Processing; DecidedBy = by; DecidedAtUtc = nowUtc; DecisionNote = note; }
    public void Refuse(Guid by, string note, DateTime nowUtc) { Status = RefundStatus.Refused; DecidedBy = by; DecidedAtUtc = nowUtc; DecisionNote = note; }
    public void GatewayAccepted(string refundId) => GatewayRefundId = refundId;
    public void Succeeded(DateTime atUtc) { if (Status != RefundStatus.Succeeded) { Status = RefundStatus.Succeeded; SucceededAtUtc = atUtc; } }
    public void Failed(string note) { if (Status != RefundStatus.Succeeded) { Status = RefundStatus.Failed; DecisionNote = note; } }

    public static string StatusName(RefundStatus s) => s switch
    {
        RefundStatus.Requested => "待审批", RefundStatus.Processing => "退款中", RefundStatus.Succeeded => "已退款", RefundStatus.Failed => "退款失败",
        RefundStatus.Refused => "不予退款", _ => "",
    };

    public static string KindName(RefundKind k) => k switch
    {
        RefundKind.LearnerRequest => "学员申请", RefundKind.DuplicatePayment => "重复支付", RefundKind.InstitutionFault => "机构原因",
        RefundKind.EnrollmentRejected => "报名未通过", RefundKind.MakeupNotHeld => "补考未安排", _ => "",
    };
}

internal sealed class RefundConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<Refund>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Refund> b)
    {
        b.ToTable("payments_refunds");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.OutRefundNo).IsUnique();
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => new { x.InstitutionId, x.Status });
        b.Property(x => x.OutRefundNo).HasMaxLength(64);
        b.Property(x => x.OrderNo).HasMaxLength(32);
        b.Property(x => x.Formula).HasMaxLength(300);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.TransactionId).HasMaxLength(64);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.Property(x => x.GatewayRefundId).HasMaxLength(64);
    }
}
