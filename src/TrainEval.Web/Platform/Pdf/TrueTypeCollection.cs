using System.Buffers.Binary;
using System.Text;

namespace TrainEval.Web.Platform.Pdf;

/// <summary>
/// Reads TrueType collections (<c>.ttc</c>): PDFsharp's font resolver cannot take a collection, so one face is copied
/// out into a standalone TrueType font. A collection starts with <c>ttcf</c>, a version, the face count and one offset
/// per face; each face is an ordinary sfnt table directory whose table offsets are relative to the start of the file.
/// </summary>
public static class TrueTypeCollection
{
    private const uint TtcTag = 0x74746366; // "ttcf"
    private const uint HeadTag = 0x68656164; // "head"
    private const uint NameTag = 0x6E616D65; // "name"

    public static bool IsCollection(ReadOnlySpan<byte> file) => file.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(file) == TtcTag;

    /// <summary>Number of faces in a collection (1 for a plain TrueType/OpenType file).</summary>
    public static int FaceCount(ReadOnlySpan<byte> file)
    {
        if (!IsCollection(file)) return 1;
        var count = BinaryPrimitives.ReadUInt32BigEndian(file[8..]);
        if (count == 0 || count > 256 || 12 + count * 4 > file.Length) throw new InvalidDataException("Not a valid TrueType collection: bad face count.");
        return (int)count;
    }

    /// <summary>The family name of every face (name ID 16, else 1), in collection order.</summary>
    public static IReadOnlyList<string> FamilyNames(ReadOnlySpan<byte> file)
    {
        var names = new List<string>();
        for (var i = 0; i < FaceCount(file); i++) names.Add(ReadFamilyName(file, FaceOffset(file, i)));
        return names;
    }

    /// <summary>Index of the face whose family name is <paramref name="familyName"/> (case-insensitive), or -1.</summary>
    public static int FindFace(ReadOnlySpan<byte> file, string familyName)
    {
        var names = FamilyNames(file);
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], familyName, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>
    /// Copies face <paramref name="index"/> into a standalone TrueType font: a new table directory, every table of the
    /// face 4-byte aligned, and <c>head.checkSumAdjustment</c> recomputed. A plain font file is returned unchanged.
    /// </summary>
    public static byte[] ExtractFace(ReadOnlySpan<byte> file, int index)
    {
        if (!IsCollection(file))
        {
            if (index != 0) throw new ArgumentOutOfRangeException(nameof(index), "A plain font file has a single face.");
            return file.ToArray();
        }
        var dir = FaceOffset(file, index);
        var tables = ReadDirectory(file, dir);

        var headerLength = 12 + 16 * tables.Count;
        var total = headerLength + tables.Sum(t => Align4(t.Length));
        var font = new byte[total];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, BinaryPrimitives.ReadUInt32BigEndian(file[dir..]));
        var n = (ushort)tables.Count;
        var entrySelector = (ushort)Math.ILogB(n);
        var searchRange = (ushort)((1 << entrySelector) * 16);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], n);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(n * 16 - searchRange));

        var offset = headerLength;
        var headOffset = -1;
        for (var i = 0; i < tables.Count; i++)
        {
            var t = tables[i];
            var record = span[(12 + 16 * i)..];
            BinaryPrimitives.WriteUInt32BigEndian(record, t.Tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], t.Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)t.Length);
            file.Slice(t.Offset, t.Length).CopyTo(span[offset..]);
            if (t.Tag == HeadTag && t.Length >= 12) headOffset = offset;
            offset += Align4(t.Length);
        }

        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], 0);
            uint sum = 0;
            for (var i = 0; i < font.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(span[i..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], 0xB1B0AFBA - sum);
        }
        return font;
    }

    private readonly record struct Table(uint Tag, uint Checksum, int Offset, int Length);

    private static int Align4(int length) => (length + 3) & ~3;

    private static int FaceOffset(ReadOnlySpan<byte> file, int index)
    {
        if (!IsCollection(file)) return 0;
        var count = FaceCount(file);
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), $"The collection has {count} faces.");
        var offset = BinaryPrimitives.ReadUInt32BigEndian(file[(12 + 4 * index)..]);
        if (offset + 12L > file.Length) throw new InvalidDataException($"Face {index} lies outside the collection.");
        return (int)offset;
    }

    private static List<Table> ReadDirectory(ReadOnlySpan<byte> file, int dir)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(file[(dir + 4)..]);
        if (dir + 12L + 16L * count > file.Length) throw new InvalidDataException("Font table directory is truncated.");
        var tables = new List<Table>(count);
        for (var i = 0; i < count; i++)
        {
            var r = file[(dir + 12 + 16 * i)..];
            var tag = BinaryPrimitives.ReadUInt32BigEndian(r);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(r[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(r[12..]);
            if ((long)offset + length > file.Length) throw new InvalidDataException($"Font table {TagName(tag)} lies outside the file.");
            tables.Add(new Table(tag, BinaryPrimitives.ReadUInt32BigEndian(r[4..]), (int)offset, (int)length));
        }
        tables.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        return tables;
    }

    private static string ReadFamilyName(ReadOnlySpan<byte> file, int dir)
    {
        var name = ReadDirectory(file, dir).FirstOrDefault(t => t.Tag == NameTag);
        if (name.Length < 6) return "";
        var table = file.Slice(name.Offset, name.Length);
        var count = BinaryPrimitives.ReadUInt16BigEndian(table[2..]);
        var storage = BinaryPrimitives.ReadUInt16BigEndian(table[4..]);
        string? best = null;
        var bestScore = -1;
        for (var i = 0; i < count && 6 + 12 * (i + 1) <= table.Length; i++)
        {
            var r = table[(6 + 12 * i)..];
            var platform = BinaryPrimitives.ReadUInt16BigEndian(r);
            var language = BinaryPrimitives.ReadUInt16BigEndian(r[4..]);
            var nameId = BinaryPrimitives.ReadUInt16BigEndian(r[6..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(r[8..]);
            var start = storage + BinaryPrimitives.ReadUInt16BigEndian(r[10..]);
            if (nameId is not (1 or 16) || start + length > table.Length) continue;
            // Prefer the typographic family (16) over the legacy one (1), Windows English over anything else.
            var score = (nameId == 16 ? 4 : 0) + (platform == 3 ? 2 : 0) + (language is 0x409 or 0 ? 1 : 0);
            if (score <= bestScore) continue;
            var bytes = table.Slice(start, length);
            best = platform is 0 or 3 ? Encoding.BigEndianUnicode.GetString(bytes) : Encoding.Latin1.GetString(bytes);
            bestScore = score;
        }
        return best ?? "";
    }

    private static string TagName(uint tag) => Encoding.ASCII.GetString([(byte)(tag >> 24), (byte)(tag >> 16), (byte)(tag >> 8), (byte)tag]);
}
