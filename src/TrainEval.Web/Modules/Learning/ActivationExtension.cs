namespace TrainEval.Web.Modules.Learning;

/// <summary>
/// A recorded change of a learner's learning validity (LRN-11): when the institution or platform shortened the
/// period, it is extended with a reason. The activation keeps the current dates; these rows keep the history.
/// </summary>
public sealed class ActivationExtension
{
    public Guid Id { get; private set; }
    public Guid ActivationId { get; private set; }
    public DateTime PreviousUntilUtc { get; private set; }
    public DateTime NewUntilUtc { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid ByUserId { get; private set; }
    public DateTime AtUtc { get; private set; }

    private ActivationExtension() { }

    public static ActivationExtension Create(Guid activationId, DateTime previousUntilUtc, DateTime newUntilUtc, string reason, Guid byUserId, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ActivationId = activationId, PreviousUntilUtc = previousUntilUtc, NewUntilUtc = newUntilUtc,
        Reason = reason.Trim(), ByUserId = byUserId, AtUtc = nowUtc,
    };
}
