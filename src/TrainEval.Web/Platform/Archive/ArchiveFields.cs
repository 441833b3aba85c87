using System.Collections.Concurrent;
using System.Reflection;

namespace TrainEval.Web.Platform.Archive;

/// <summary>
/// Turns a stored entity into the plain field dictionary of an <see cref="ArchiveRecord"/>: every public readable
/// property of a simple type (text, numbers, booleans, dates, ids, enums as their names). Byte arrays, collections and
/// navigation objects are never included, so encrypted templates or images cannot leak into an export by accident;
/// contributors name further fields to leave out (secrets such as code hashes, wrapped keys, file keys).
/// </summary>
public static class ArchiveFields
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

    public static ArchiveRecord Record(string type, object id, object entity, params string[] exclude)
        => new(type, Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? "", Of(entity, exclude));

    public static Dictionary<string, object?> Of(object entity, params string[] exclude)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in Cache.GetOrAdd(entity.GetType(), Simple))
        {
            if (exclude.Contains(p.Name, StringComparer.Ordinal)) continue;
            var value = p.GetValue(entity);
            fields[p.Name] = value is Enum e ? e.ToString() : value;
        }
        return fields;
    }

    private static PropertyInfo[] Simple(Type t) => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType))
        .OrderBy(p => p.MetadataToken)];

    public static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsEnum || t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
               || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(Guid) || t == typeof(TimeSpan);
    }
}

/// <summary>Attachments read from the file store, named safely for a ZIP entry.</summary>
public static class ArchiveFiles
{
    public static ArchiveAttachment FromStore(Files.IFileStore files, string key, string fileName, string contentType)
        => new(SafeName(fileName), contentType, async ct =>
        {
            await using var s = await files.OpenAsync(key, ct) ?? throw new FileNotFoundException("Stored file missing: " + key);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            return ms.ToArray();
        });

    /// <summary>File extension for the content types the platform accepts.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf", "image/png" => ".png", "image/jpeg" => ".jpg", "image/webp" => ".webp", "video/mp4" => ".mp4",
        "application/json" => ".json", "text/plain" => ".txt", _ => ".bin",
    };

    /// <summary>Letters, digits, CJK, '-', '_' and '.' only; no folders, no leading dots.</summary>
    public static string SafeName(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).TrimStart('.');
        return safe.Length == 0 ? "file" : safe.Length > 120 ? safe[^120..] : safe;
    }
}
