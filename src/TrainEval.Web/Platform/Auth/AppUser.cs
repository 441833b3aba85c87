using Microsoft.AspNetCore.Identity;

namespace TrainEval.Web.Platform.Auth;

public enum IdDocumentType
{
    MainlandId = 1,          // 居民身份证
    HongKongMacauPermit = 2, // 港澳居民来往内地通行证
    TaiwanPermit = 3,        // 台湾居民来往大陆通行证
    Passport = 4,            // 护照
    ForeignPermanentId = 5,  // 外国人永久居留身份证
}

public enum Gender { Unknown = 0, Male = 1, Female = 2 }

/// <summary>
/// A real-name account (ENR-01). ID number and phone are stored only encrypted, with a keyed blind index
/// for uniqueness and lookup, and a masked form for display (SEC-01). Identity's own PhoneNumber/Email
/// columns are not used for these values.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string RealName { get; set; } = "";
    public IdDocumentType IdType { get; set; }
    public string IdNumberCipher { get; set; } = "";
    public string IdNumberIndex { get; set; } = "";
    public string IdNumberMasked { get; set; } = "";
    public string PhoneCipher { get; set; } = "";
    public string PhoneIndex { get; set; } = "";
    public string PhoneMasked { get; set; } = "";
    public Gender Gender { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string Region { get; set; } = "";
    public string Employer { get; set; } = "";
    public bool IsLearner { get; set; }
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The one login session that may act for this account (LRN-03): a new sign-in replaces it, and cookies
    /// of the previous one are refused from then on.</summary>
    public string LoginSessionId { get; set; } = "";
}
