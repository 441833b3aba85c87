using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Web.Modules.Learning.Media;

public enum MediaUrlCheck { Valid, BadSignature, Expired }

/// <summary>
/// Short-lived signed media URLs (LRN-01): <c>/media/units/{unit}/video.mp4?l={learner}&amp;exp={unix seconds}&amp;sig={HMAC}</c>.
/// The signature is HMAC-SHA256 over "resource|unit|learner|exp" with a key derived (HKDF) from the platform key ring,
/// so every node verifies what any node issued; the media endpoint also requires the signed-in learner to be the one
/// in the URL, so a copied link is useless to anyone else and expires soon after the content could have been watched.
/// </summary>
public sealed class MediaUrls
{
    public const string VideoResource = "video.mp4";
    public const string DocumentResource = "document";
    /// <summary>Added to the content's length: pauses, interaction prompts, identity checks.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(30);

    private readonly byte[] key;
    private readonly TimeProvider clock;

    public MediaUrls(KeyRing keys, TimeProvider clock)
    {
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, salt: [], info: "TrainEval media URL v1"u8.ToArray());
        this.clock = clock;
    }

    /// <summary>The signed URL of a video (or live replay) for one learner, valid for the video's length + 15 min, at least 30 min.</summary>
    public string ForUnit(Guid unitId, Guid learnerId, double durationSeconds) => Build(VideoResource, unitId, learnerId, durationSeconds);

    /// <summary>The signed URL of a document or image unit for one learner (same lifetime rule, with the stated reading time).</summary>
    public string ForDocument(Guid unitId, Guid learnerId, double durationSeconds) => Build(DocumentResource, unitId, learnerId, durationSeconds);

    /// <summary>Checks a URL's parameters in constant time; the caller still checks who is signed in and the learner's access.</summary>
    public MediaUrlCheck Check(string resource, Guid unitId, Guid learnerId, long exp, string? sig)
    {
        Span<byte> given = stackalloc byte[32];
        if (string.IsNullOrEmpty(sig) || sig.Length != 43 || !TryDecode(sig, given)) return MediaUrlCheck.BadSignature;
        var expected = Sign(resource, unitId, learnerId, exp);
        if (!CryptographicOperations.FixedTimeEquals(given, expected)) return MediaUrlCheck.BadSignature;
        return clock.GetUtcNow().ToUnixTimeSeconds() > exp ? MediaUrlCheck.Expired : MediaUrlCheck.Valid;
    }

    /// <summary>Base64Url.TryDecodeFromChars throws (not returns false) on characters or trailing bits that are not valid.</summary>
    private static bool TryDecode(string sig, Span<byte> into)
    {
        try { return Base64Url.TryDecodeFromChars(sig, into, out var written) && written == 32; }
        catch (FormatException) { return false; }
    }

    private string Build(string resource, Guid unitId, Guid learnerId, double durationSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, double.IsFinite(durationSeconds) ? durationSeconds : 0)) + Slack;
        if (lifetime < MinLifetime) lifetime = MinLifetime;
        var exp = (clock.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var sig = Base64Url.EncodeToString(Sign(resource, unitId, learnerId, exp));
        return $"/media/units/{unitId:D}/{resource}?l={learnerId:D}&exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={sig}";
    }

    private byte[] Sign(string resource, Guid unitId, Guid learnerId, long exp)
        => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{resource}|{unitId:D}|{learnerId:D}|{exp.ToString(CultureInfo.InvariantCulture)}"));
}
