namespace TrainEval.Web.Platform.Crypto;

/// <summary>
/// Keys for field encryption, blind indexes and the audit chain, bound from "Platform:Crypto".
/// In production all keys come from environment variables (Platform__Crypto__Keys__k1 ...);
/// when none are configured a development key file is created under App_Data/keys (see ADR 0005).
/// </summary>
public sealed class CryptoOptions
{
    public const string Section = "Platform:Crypto";

    /// <summary>Id of the key new values are encrypted with. Old keys stay listed for decryption (rotation).</summary>
    public string ActiveKeyId { get; set; } = "";

    /// <summary>Key id → base64 32-byte AES-256 key.</summary>
    public Dictionary<string, string> Keys { get; set; } = new();

    /// <summary>Base64 32-byte HMAC key for blind indexes (never rotated without re-indexing).</summary>
    public string BlindIndexKey { get; set; } = "";

    /// <summary>Base64 32-byte HMAC key that seals the audit hash chain.</summary>
    public string AuditChainKey { get; set; } = "";

    /// <summary>Where a development key file is created when no keys are configured. Empty disables it.</summary>
    public string DevelopmentKeyFile { get; set; } = "App_Data/keys/field-keys.json";
}
