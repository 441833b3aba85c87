using System.Security.Claims;

namespace TrainEval.Web.Platform.Auth;

public static class AppClaims
{
    public const string Permission = "te:perm";
    public const string Tenant = "te:tenant";
    public const string RealName = "te:name";
    /// <summary>"role@tenant" pairs, so a check can ask for a role within one institution.</summary>
    public const string Grant = "te:grant";
}

/// <summary>The signed-in user of this request (scoped). Empty for anonymous requests and jobs.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? UserId => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid RequiredUserId => UserId ?? throw new InvalidOperationException("No signed-in user.");

    public string DisplayName => Principal?.FindFirstValue(AppClaims.RealName) ?? Principal?.Identity?.Name ?? (accessor.HttpContext is null ? "system" : "anonymous");

    public IReadOnlyList<string> Roles => Principal?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList() ?? [];

    public string PrimaryRole => Roles.FirstOrDefault() ?? "";

    public IReadOnlyList<Guid> TenantIds => Principal?.FindAll(AppClaims.Tenant).Select(c => Guid.Parse(c.Value)).ToList() ?? [];

    public Guid? PrimaryTenantId => TenantIds.Count > 0 ? TenantIds[0] : null;

    public bool Has(string permission) => Principal?.HasClaim(AppClaims.Permission, permission) == true;

    public bool HasRoleIn(string role, Guid tenantId) => Principal?.HasClaim(AppClaims.Grant, $"{role}@{tenantId}") == true;

    public string Ip => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";

    public string UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString() ?? "";
}
