using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts.Profile;

/// <summary>My account: masked real-name data, reveal of my own ID number (audited), region and employer for enrollment.</summary>
[Authorize]
public sealed class ProfileModel(UserManager<AppUser> users, RealNameRegistry registry, AuditLog audit, AppDbContext db) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public string? RevealedIdNumber { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    [BindProperty] public string Region { get; set; } = "";
    [BindProperty] public string Employer { get; set; } = "";
    [BindProperty] public string? Email { get; set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Region = Account.Region;
        Employer = Account.Employer;
        Email = Account.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(CancellationToken ct)
    {
        if (!await LoadAsync()) return Challenge();
        RevealedIdNumber = await registry.RevealIdNumberAsync(Account, "本人查看", ct);
        Region = Account.Region;
        Employer = Account.Employer;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync()) return Challenge();
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Region)) errors[nameof(Region)] = "请填写所在地区。";
        else if (PersonalDataRules.TextError("所在地区", Region, 100) is { } r) errors[nameof(Region)] = r;
        if (PersonalDataRules.TextError("工作单位或学习单位", Employer, 100) is { } e) errors[nameof(Employer)] = e;
        var email = (Email ?? "").Trim();
        if (email.Length > 0 && (email.Length > 100 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            errors[nameof(Email)] = "电子邮箱格式不正确。";
        if (errors.Count > 0) { Errors = errors; return Page(); }
        // The previous values go into the audit record: a correction never silently replaces what was there.
        audit.Record("account.profile_updated", "user", Account.Id.ToString(), new
        {
            region = new { from = Account.Region, to = Region.Trim() },
            employer = new { from = Account.Employer, to = (Employer ?? "").Trim() },
            emailChanged = !string.Equals(Account.Email ?? "", email, StringComparison.Ordinal),
        });
        Account.Email = email.Length == 0 ? null : email;
        Account.NormalizedEmail = Account.Email?.ToUpperInvariant();
        Account.Region = Region.Trim();
        Account.Employer = (Employer ?? "").Trim();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "个人资料已保存。";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return false;
        Account = user;
        TwoFactorEnabled = user.TwoFactorEnabled;
        return true;
    }
}
