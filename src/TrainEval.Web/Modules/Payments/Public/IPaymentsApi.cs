namespace TrainEval.Web.Modules.Payments.Public;

public sealed record PaymentStatus(bool Paid, long PaidFen, DateTime? PaidAtUtc, string? OrderNo, string? TransactionId, string State);

/// <summary>What other modules may ask about payment (PAY-02, REV-01 "confirm payment").</summary>
public interface IPaymentsApi
{
    /// <summary>Whether the enrollment's order covering all mandatory fees is paid (and not refunded).</summary>
    Task<PaymentStatus> StatusAsync(Guid enrollmentId, CancellationToken ct);
    /// <summary>Which of these enrollments have a paid order (one query, for lists).</summary>
    Task<IReadOnlySet<Guid>> PaidEnrollmentsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct);
}
