using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainEval.Web.Modules.Archive.Export;

/// <summary>
/// manifest.json of an exported archive (ARC-02): who, when, by whom, in which scope, whether ID numbers were revealed, the
/// audit chain head at export time, and every other file of the ZIP with its SHA-256 and size. The manifest's own SHA-256
/// is written to manifest.sha256 and into the <c>archive.exported</c> audit entry, which ties the whole ZIP to the chain.
/// </summary>
public sealed record ArchiveManifest(
    string Format,
    ManifestLearner Learner,
    DateTime ExportedAtUtc,
    ManifestActor ExportedBy,
    ManifestScope Scope,
    ManifestMasking Masking,
    ManifestAuditHead? AuditHead,
    IReadOnlyList<ManifestSection> Sections,
    IReadOnlyList<ManifestFile> Files)
{
    public const string CurrentFormat = "traineval-learner-archive/1";
    public const string FileName = "manifest.json";
    public const string ChecksumFileName = "manifest.sha256";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

public sealed record ManifestLearner(Guid Id, string Name, string Account, string IdType, string IdNumber);

public sealed record ManifestActor(Guid? UserId, string Name, string Role);

public sealed record ManifestScope(bool Limited, IReadOnlyList<Guid> InstitutionIds);

/// <summary>Whether sensitive values (ID numbers) were exported in full; masked otherwise.</summary>
public sealed record ManifestMasking(bool Revealed, string Note);

/// <summary>The newest audit entry when the export was made; the export's own audit entry follows it.</summary>
public sealed record ManifestAuditHead(long EntryId, long Sequence, string Hash);

public sealed record ManifestSection(string Key, string Title, int Order, int Records, int Events, int Attachments);

public sealed record ManifestFile(string Path, string Sha256, long Size);
