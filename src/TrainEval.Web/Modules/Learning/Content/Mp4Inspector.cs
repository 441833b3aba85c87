using System.Buffers.Binary;
using System.Text;

namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>What the inspector learned from a valid MP4 file.</summary>
public sealed record Mp4Info(string MajorBrand, double DurationSeconds, uint Timescale);

/// <summary>
/// Checks an uploaded video by its content (PLT-03): an ISO base media file (ISO/IEC 14496-12) whose first box is
/// <c>ftyp</c> with an MP4-family brand, a <c>moov</c> box holding an <c>mvhd</c> with a non-zero duration, and media
/// data (<c>mdat</c>). Only box headers and a few fixed-size fields are read: a box claiming a size beyond the end of
/// the file is refused, nothing is ever allocated from a size the file claims, and every step moves forward by at
/// least one box header, so a hostile file can neither exhaust memory nor loop.
/// </summary>
public static class Mp4Inspector
{
    /// <summary>Top-level boxes and moov children walked at most (real files have a handful).</summary>
    public const int MaxBoxes = 10_000;
    /// <summary>Longest accepted video: 24 hours.</summary>
    public const double MaxDurationSeconds = 24 * 3600;

    /// <summary>MP4-family brands (ISO base media, MPEG-4, H.264, DASH); QuickTime (<c>qt  </c>), 3GP and audio-only brands are not.</summary>
    private static readonly HashSet<string> Brands = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
        "mp41", "mp42", "avc1", "M4V ", "mmp4", "dash", "msnv", "f4v "];

    public static class Errors
    {
        public const string Empty = "video.empty";
        public const string NotMp4 = "video.not_mp4";
        public const string Brand = "video.brand";
        public const string Truncated = "video.truncated";
        public const string NoMoov = "video.no_moov";
        public const string NoMdat = "video.no_mdat";
        public const string ZeroDuration = "video.zero_duration";
        public const string TooLong = "video.too_long";
    }

    /// <summary>Plain Chinese for each error code.</summary>
    public static string Message(string code) => code switch
    {
        Errors.Empty => "文件为空。",
        Errors.NotMp4 => "文件不是 MP4 视频（缺少 ISO 媒体文件头 ftyp）。请上传 H.264/AAC 编码的 MP4 文件；仅修改扩展名无效。",
        Errors.Brand => "不支持的视频格式：只接受 MP4 视频（QuickTime MOV、3GP 等请先转换为 MP4）。",
        Errors.Truncated => "MP4 文件不完整或已损坏（数据块长度超出文件末尾），请重新导出后上传。",
        Errors.NoMoov => "MP4 文件缺少影片信息（moov/mvhd），无法读取时长，请重新导出后上传。",
        Errors.NoMdat => "MP4 文件不含音视频数据（mdat）。",
        Errors.ZeroDuration => "视频时长为 0 或未知，不能作为课程视频。",
        Errors.TooLong => "视频时长超过 24 小时，请分段上传。",
        _ => "视频文件无效。",
    };

    /// <summary>Inspects a seekable stream from its current start (position 0). Returns the info, or an error code.</summary>
    public static (Mp4Info? Info, string? Error) Inspect(Stream stream)
    {
        if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("The MP4 inspector needs a seekable stream.", nameof(stream));
        var length = stream.Length;
        if (length == 0) return (null, Errors.Empty);

        Span<byte> header = stackalloc byte[16];
        string? brand = null;
        (double Seconds, uint Timescale)? duration = null;
        var moovSeen = false;
        var mdatSeen = false;
        long pos = 0;
        for (var n = 0; pos < length; n++)
        {
            if (n >= MaxBoxes) return (null, Errors.Truncated);
            var box = ReadBoxHeader(stream, pos, length, header);
            if (box is null)
                return (null, n == 0 ? Errors.NotMp4 : Errors.Truncated);
            var (type, size, headerSize) = box.Value;
            if (n == 0)
            {
                if (type != "ftyp") return (null, Errors.NotMp4);
                brand = ReadBrand(stream, pos + headerSize, size - headerSize);
                if (brand is null) return (null, Errors.Brand);
            }
            else if (type == "moov" && !moovSeen)
            {
                moovSeen = true;
                var found = FindMvhdDuration(stream, pos + headerSize, pos + size, header);
                if (found.Error is not null) return (null, found.Error);
                duration = found.Duration;
            }
            else if (type == "mdat")
            {
                mdatSeen = true;
            }
            pos += size;
        }
        if (!moovSeen || duration is null) return (null, Errors.NoMoov);
        if (!mdatSeen) return (null, Errors.NoMdat);
        var (seconds, timescale) = duration.Value;
        if (seconds <= 0) return (null, Errors.ZeroDuration);
        if (seconds > MaxDurationSeconds) return (null, Errors.TooLong);
        return (new Mp4Info(brand!, seconds, timescale), null);
    }

    /// <summary>
    /// Reads the header of the box at <paramref name="pos"/>: type, total size (32-bit, 64-bit "largesize" when the
    /// 32-bit size is 1, or "to the end" when 0) and header length. Null when the header or the box does not fit in
    /// <paramref name="end"/>, or the size is smaller than the header.
    /// </summary>
    private static (string Type, long Size, int HeaderSize)? ReadBoxHeader(Stream stream, long pos, long end, Span<byte> buffer)
    {
        if (end - pos < 8) return null;
        if (!ReadAt(stream, pos, buffer[..8])) return null;
        long size = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        var type = Encoding.Latin1.GetString(buffer.Slice(4, 4));
        var headerSize = 8;
        if (size == 1)
        {
            if (end - pos < 16 || !ReadAt(stream, pos + 8, buffer.Slice(8, 8))) return null;
            var large = BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(8, 8));
            if (large > long.MaxValue) return null;
            size = (long)large;
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = end - pos;
        }
        if (size < headerSize || size > end - pos) return null;
        return (type, size, headerSize);
    }

    /// <summary>The major brand when it or one of the compatible brands is an MP4 brand; null otherwise.</summary>
    private static string? ReadBrand(Stream stream, long pos, long bodySize)
    {
        if (bodySize < 8) return null;
        Span<byte> body = stackalloc byte[256];
        var n = (int)Math.Min(bodySize, body.Length) / 4 * 4;
        if (!ReadAt(stream, pos, body[..n])) return null;
        var major = Encoding.Latin1.GetString(body[..4]);
        if (Brands.Contains(major)) return major;
        for (var i = 8; i + 4 <= n; i += 4)
            if (Brands.Contains(Encoding.Latin1.GetString(body.Slice(i, 4)))) return major;
        return null;
    }

    /// <summary>Walks the children of moov for mvhd and reads its timescale and duration (version 0 or 1).</summary>
    private static ((double, uint)? Duration, string? Error) FindMvhdDuration(Stream stream, long pos, long end, Span<byte> header)
    {
        for (var n = 0; pos < end; n++)
        {
            if (n >= MaxBoxes) return (null, Errors.Truncated);
            var box = ReadBoxHeader(stream, pos, end, header);
            if (box is null) return (null, Errors.Truncated);
            var (type, size, headerSize) = box.Value;
            if (type == "mvhd") return ReadMvhd(stream, pos + headerSize, size - headerSize);
            pos += size;
        }
        return (null, Errors.NoMoov);
    }

    private static ((double, uint)? Duration, string? Error) ReadMvhd(Stream stream, long pos, long bodySize)
    {
        // version(1) flags(3), then v0: creation(4) modification(4) timescale(4) duration(4);
        //                            v1: creation(8) modification(8) timescale(4) duration(8).
        Span<byte> body = stackalloc byte[32];
        if (bodySize < 4 || !ReadAt(stream, pos, body[..4])) return (null, Errors.Truncated);
        var version = body[0];
        var needed = version switch { 0 => 20, 1 => 32, _ => -1 };
        if (needed < 0) return (null, Errors.NoMoov);
        if (bodySize < needed || !ReadAt(stream, pos, body[..needed])) return (null, Errors.Truncated);
        uint timescale;
        ulong units;
        if (version == 0)
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body.Slice(12, 4));
            units = BinaryPrimitives.ReadUInt32BigEndian(body.Slice(16, 4));
            if (units == uint.MaxValue) units = 0;   // "unknown" duration
        }
        else
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body.Slice(20, 4));
            units = BinaryPrimitives.ReadUInt64BigEndian(body.Slice(24, 8));
            if (units == ulong.MaxValue) units = 0;
        }
        if (timescale == 0 || units == 0) return (null, Errors.ZeroDuration);
        return ((units / (double)timescale, timescale), null);
    }

    private static bool ReadAt(Stream stream, long pos, Span<byte> into)
    {
        stream.Position = pos;
        var read = 0;
        while (read < into.Length)
        {
            var n = stream.Read(into[read..]);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
