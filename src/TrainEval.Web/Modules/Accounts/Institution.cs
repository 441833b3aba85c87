using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts;

/// <summary>A tenant: training, evaluation or promotion institution, operator or regulator, with real-name data (PLT-01).</summary>
public sealed class Institution
{
    public Guid Id { get; private set; }
    public InstitutionKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string LegalRepresentative { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string Region { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    private Institution() { }

    public static Institution Create(InstitutionKind kind, string name, string creditCode, string address, string legalRepresentative,
        string contactName, string contactPhone, string region, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Name = name.Trim(),
        CreditCode = CreditCodeValidator.Normalize(creditCode),
        Address = address.Trim(),
        LegalRepresentative = legalRepresentative.Trim(),
        ContactName = contactName.Trim(),
        ContactPhone = contactPhone.Trim(),
        Region = region.Trim(),
        CreatedAtUtc = nowUtc,
    };

    public static string KindName(InstitutionKind k) => k.DisplayName();
}

/// <summary>
/// A staff role held by a person within one institution, optionally limited to one project.
/// Revocation stamps the grant; the original grant stays (ARC-02).
/// </summary>
public sealed class RoleGrant
{
    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Role { get; private set; } = "";
    public Guid InstitutionId { get; private set; }
    public Guid? ProjectId { get; private set; }
    public DateTime GrantedAtUtc { get; private set; }
    public Guid? GrantedBy { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public Guid? RevokedBy { get; private set; }
    public string RevokeReason { get; private set; } = "";

    public bool IsActive => RevokedAtUtc is null;

    private RoleGrant() { }

    public static RoleGrant Create(Guid userId, string role, Guid institutionId, Guid? projectId, Guid? grantedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), UserId = userId, Role = role, InstitutionId = institutionId, ProjectId = projectId,
        GrantedBy = grantedBy, GrantedAtUtc = nowUtc,
    };

    public void Revoke(Guid? by, string reason, DateTime nowUtc)
    {
        if (RevokedAtUtc is not null) return;
        RevokedAtUtc = nowUtc;
        RevokedBy = by;
        RevokeReason = reason;
    }
}
