using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts;

/// <summary>
/// The only code that turns identity numbers and phones into stored form and back (SEC-01):
/// encrypted value + keyed blind index + mask on write; an audit entry on every full read.
/// </summary>
public sealed class RealNameRegistry(AppDbContext db, FieldProtector protector, BlindIndex index, AuditLog audit)
{
    internal const string IdPurpose = "user.id_number";
    internal const string PhonePurpose = "user.phone";

    public string IdIndexOf(IdDocumentType type, string normalizedIdNumber) => index.Compute(IdPurpose, $"{(int)type}:{normalizedIdNumber}");
    public string PhoneIndexOf(string normalizedPhone) => index.Compute(PhonePurpose, normalizedPhone);

    public void SetIdentity(AppUser user, IdDocumentType type, string normalizedIdNumber)
    {
        user.IdType = type;
        user.IdNumberCipher = protector.Encrypt(normalizedIdNumber, IdPurpose);
        user.IdNumberIndex = IdIndexOf(type, normalizedIdNumber);
        user.IdNumberMasked = Masking.IdNumber(normalizedIdNumber);
    }

    public void SetPhone(AppUser user, string normalizedPhone)
    {
        user.PhoneCipher = protector.Encrypt(normalizedPhone, PhonePurpose);
        user.PhoneIndex = PhoneIndexOf(normalizedPhone);
        user.PhoneMasked = Masking.Phone(normalizedPhone);
    }

    public Task<AppUser?> FindByIdNumberAsync(IdDocumentType type, string normalizedIdNumber, CancellationToken ct)
    {
        var key = IdIndexOf(type, normalizedIdNumber);
        return db.Set<AppUser>().FirstOrDefaultAsync(u => u.IdNumberIndex == key, ct);
    }

    /// <summary>The account holding this ID number under any document type (one query over the blind indexes).</summary>
    public Task<AppUser?> FindByIdNumberAnyTypeAsync(string normalizedIdNumber, CancellationToken ct)
    {
        var keys = Enum.GetValues<IdDocumentType>().Select(t => IdIndexOf(t, normalizedIdNumber)).ToList();
        return db.Set<AppUser>().FirstOrDefaultAsync(u => keys.Contains(u.IdNumberIndex), ct);
    }

    public Task<AppUser?> FindByPhoneAsync(string normalizedPhone, CancellationToken ct)
    {
        var key = PhoneIndexOf(normalizedPhone);
        return db.Set<AppUser>().FirstOrDefaultAsync(u => u.PhoneIndex == key, ct);
    }

    /// <summary>Decrypts the full ID number and records who read it and why, in the same save.</summary>
    public async Task<string> RevealIdNumberAsync(AppUser user, string reason, CancellationToken ct)
    {
        var value = protector.Decrypt(user.IdNumberCipher, IdPurpose);
        audit.Record("sensitive.read", "user", user.Id.ToString(), new { field = "id_number", reason });
        await db.SaveChangesAsync(ct);
        return value;
    }

    /// <summary>
    /// Decrypts the ID numbers of several accounts for one purpose (a records export) and stages one
    /// <c>sensitive.revealed</c> audit entry with the count, purpose and account ids; the caller saves it with its work.
    /// </summary>
    public IReadOnlyDictionary<Guid, string> RevealIdNumbers(IReadOnlyCollection<(Guid UserId, string Cipher)> users, string purpose)
    {
        var values = users.ToDictionary(u => u.UserId, u => protector.Decrypt(u.Cipher, IdPurpose));
        if (values.Count > 0)
            audit.Record("sensitive.revealed", "user", values.Count == 1 ? values.Keys.First().ToString() : "batch",
                new { field = "id_number", count = values.Count, purpose, users = values.Keys });
        return values;
    }

    public async Task<string> RevealPhoneAsync(AppUser user, string reason, CancellationToken ct)
    {
        var value = protector.Decrypt(user.PhoneCipher, PhonePurpose);
        audit.Record("sensitive.read", "user", user.Id.ToString(), new { field = "phone", reason });
        await db.SaveChangesAsync(ct);
        return value;
    }
}
