using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates.Verify;

/// <summary>
/// CRT-02: public verification, no login, rate-limited per address. By certificate number + full name, or by the
/// verification code (the QR link). Wrong combinations all get one generic "未找到" (no enumeration); revoked and replaced
/// certificates stay verifiable and say so.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformServices.CertificateVerifyRateLimit)]
public sealed class VerifyCertificateModel(AppDbContext db) : PageModel
{
    public const string NotFoundText = "未找到与所填信息一致的有效记录。请核对证书编号与持证人姓名（或查验码）后重试。";

    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true, Name = "code")] public string? Code { get; set; }

    public Certificate? Found { get; private set; }
    /// <summary>For a replaced certificate: the current one (end of the replacement chain).</summary>
    public Certificate? Current { get; private set; }
    public bool Searched { get; private set; }
    public bool Missing { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string MaskedName => Found is null ? "" : Masking.Name(Found.HolderName);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (!string.IsNullOrWhiteSpace(Code))
        {
            Searched = true;
            var code = CertificateNumbers.NormalizeCode(Code);
            if (code is null) return Bad("Code", $"查验码应为 {CertificateNumbers.CodeLength} 位字母或数字（不含 0、1、I、O），可带短横线。");
            Found = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.VerificationCode == code, ct);
        }
        else if (Number is not null || Name is not null)
        {
            Searched = true;
            var errors = new Dictionary<string, string>();
            var number = CertificateNumbers.NormalizeNumber(Number);
            var name = NormalizeName(Name);
            if (number is null) errors["Number"] = "证书编号格式不正确，应形如 E1A2B3-2026-SSISWIM-4-000001。";
            if (name.Length is 0 or > 50) errors["Name"] = "请填写持证人完整姓名。";
            if (errors.Count > 0) return Bad(errors);
            var candidate = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct);
            // Compare in constant time against the stored name (or a dummy), so a wrong name and a wrong number look alike.
            var matches = SameName(candidate?.HolderName ?? "\u0000", name);
            Found = candidate is not null && matches ? candidate : null;
        }
        if (Found is null)
        {
            Missing = Searched;
            return Page();
        }
        if (Found.Status == CertificateStatus.Replaced)
        {
            var next = Found.ReplacedById;
            for (var hops = 0; next is { } id && hops < 10; hops++)
            {
                Current = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
                next = Current?.Status == CertificateStatus.Replaced ? Current.ReplacedById : null;
            }
        }
        return Page();
    }

    private IActionResult Bad(string field, string message) => Bad(new Dictionary<string, string> { [field] = message });

    private PageResult Bad(Dictionary<string, string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string NormalizeName(string? name) => new((name ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\u3000').ToArray());

    private static bool SameName(string stored, string given)
        => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeName(stored))), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
