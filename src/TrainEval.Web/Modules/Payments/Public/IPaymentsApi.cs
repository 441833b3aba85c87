using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Payments.Public;

/// <summary>What an order is for. Enrollment fees are 0 so orders from before purposes existed read as enrollment fees.</summary>
public enum PaymentPurpose { EnrollmentFees = 0, MakeupFee = 1 }

/// <param name="Offline">Paid by a transfer or at the counter and confirmed by finance (not through the gateway).</param>
/// <param name="ConfirmedBy">For an offline payment: the staff member who confirmed it.</param>
/// <param name="Reference">For an offline payment: the bank or counter receipt reference finance entered.</param>
public sealed record PaymentStatus(bool Paid, long PaidFen, DateTime? PaidAtUtc, string? OrderNo, string? TransactionId, string State,
    bool Offline = false, Guid? ConfirmedBy = null, string Reference = "", bool Refunded = false, string RefundState = "");

/// <summary>A makeup fee order (MKP-01): who pays whom for which makeup application, the amount from the rules it was judged under.</summary>
public sealed record MakeupFeeOrder(Guid ApplicationId, Guid LearnerId, Guid ProjectId, Guid EvaluationInstitutionId, string Subject,
    long AmountFen, string Payee);

/// <summary>What other modules may ask about enrollment payment (PAY-02, REV-01 "confirm payment").</summary>
public interface IPaymentsApi
{
    /// <summary>Whether the enrollment's order covering all mandatory fees is paid (and not refunded).</summary>
    Task<PaymentStatus> StatusAsync(Guid enrollmentId, CancellationToken ct);
    /// <summary>Which of these enrollments have a paid order (one query, for lists).</summary>
    Task<IReadOnlySet<Guid>> PaidEnrollmentsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct);
}

/// <summary>The makeup fee (MKP-01) through the payments module: what the makeup desk asks for and tells payments.</summary>
public interface IMakeupFeesApi
{
    /// <summary>The payment state of each makeup application's fee (one query; applications without an order are absent).</summary>
    Task<IReadOnlyDictionary<Guid, PaymentStatus>> StatusAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken ct);

    /// <summary>
    /// The signed-in learner's live (pending or paid) order for the makeup fee, or a new one placed with the gateway; returns its
    /// order number. One live order per application. Saves.
    /// </summary>
    Task<Outcome<string>> OpenOrderAsync(MakeupFeeOrder request, CancellationToken ct);

    /// <summary>
    /// Finance (permission payments.confirm, same institution) confirms a makeup fee paid offline — cash at the counter or a transfer —
    /// with the receipt reference and a note; recorded against the live order (a new offline order when none). Saves.
    /// </summary>
    Task<Outcome<PaymentStatus>> ConfirmOfflineAsync(MakeupFeeOrder request, string reference, string note, CancellationToken ct);

    /// <summary>
    /// The makeup will not take place (refused or withdrawn): a paid fee gets a refund request for finance to approve through the
    /// refunds flow; a pending order is closed. Staged in the caller's unit of work; returns the refund number when one was raised.
    /// </summary>
    Task<string?> StageRefundAsync(Guid applicationId, string reason, CancellationToken ct);
}
