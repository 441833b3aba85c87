using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using TrainEval.Web.Modules.Learning.Content;
using static TrainEval.Web.Modules.Learning.Content.Mp4Inspector;

namespace TrainEval.UnitTests.Learning;

/// <summary>The MP4 check behind video uploads (LRN-01, PLT-03): ftyp brand, moov/mvhd duration, hostile box sizes.</summary>
public sealed class ContentMp4InspectorTests
{
    // ---------- a tiny ISO-BMFF writer ----------

    private static byte[] Box(string type, params byte[][] payload)
    {
        var body = payload.SelectMany(p => p).ToArray();
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    /// <summary>A box with the 64-bit "largesize" header.</summary>
    private static byte[] LargeBox(string type, byte[] body)
    {
        var box = new byte[16 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, 1);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)box.Length);
        body.CopyTo(box, 16);
        return box;
    }

    private static byte[] Ftyp(string major = "isom", params string[] compatible)
        => Box("ftyp", Encoding.ASCII.GetBytes(major), [0, 0, 2, 0], Encoding.ASCII.GetBytes(string.Concat(compatible.DefaultIfEmpty(major))));

    private static byte[] MvhdV0(uint timescale, uint duration)
    {
        var b = new byte[4 + 16 + 80];   // version/flags, v0 times, the rest of mvhd (rate, volume, matrix, next track id)
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), timescale);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), duration);
        return Box("mvhd", b);
    }

    private static byte[] MvhdV1(uint timescale, ulong duration)
    {
        var b = new byte[4 + 28 + 80];
        b[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), timescale);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(24), duration);
        return Box("mvhd", b);
    }

    private static byte[] Moov(byte[] mvhd) => Box("moov", mvhd, Box("trak", Box("tkhd", new byte[84])));

    private static byte[] Mdat(int size = 1000) => Box("mdat", new byte[size]);

    private static byte[] File(params byte[][] boxes) => boxes.SelectMany(b => b).ToArray();

    private static (Mp4Info? Info, string? Error) Run(byte[] bytes) => Inspect(new MemoryStream(bytes));

    // ---------- valid files ----------

    [Fact]
    public void LRN_01_version_0_mvhd_gives_the_duration_from_timescale_and_units()
    {
        var (info, error) = Run(File(Ftyp("isom", "isom", "avc1"), Moov(MvhdV0(1000, 180_000)), Mdat()));
        Assert.Null(error);
        Assert.Equal(180.0, info!.DurationSeconds);
        Assert.Equal(1000u, info.Timescale);
        Assert.Equal("isom", info.MajorBrand);
    }

    [Fact]
    public void LRN_01_version_1_mvhd_reads_64_bit_durations()
    {
        // 90 kHz timescale, 12.5 hours: more units than fit in 32 bits.
        var (info, error) = Run(File(Ftyp("mp42"), Moov(MvhdV1(90_000, 90_000UL * 45_000)), Mdat()));
        Assert.Null(error);
        Assert.Equal(45_000.0, info!.DurationSeconds);
    }

    [Fact]
    public void LRN_01_moov_after_mdat_and_a_largesize_mdat_are_read()
    {
        var (info, error) = Run(File(Ftyp("iso5", "iso5", "mp41"), Box("free"), LargeBox("mdat", new byte[500]), Moov(MvhdV0(600, 600 * 95))));
        Assert.Null(error);
        Assert.Equal(95.0, info!.DurationSeconds);
    }

    [Fact]
    public void LRN_01_a_compatible_mp4_brand_is_enough()
    {
        var (info, _) = Run(File(Ftyp("XAVC", "XAVC", "mp42", "iso2"), Moov(MvhdV0(1000, 5000)), Mdat()));
        Assert.Equal("XAVC", info!.MajorBrand);
    }

    [Fact]
    public void LRN_01_the_committed_demo_video_is_three_minutes_of_mp4()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "DemoMedia", "demo-lesson.mp4");
        using var stream = System.IO.File.OpenRead(path);
        var (info, error) = Inspect(stream);
        Assert.Null(error);
        Assert.InRange(info!.DurationSeconds, 179.5, 180.5);
        Assert.True(stream.Length < 1_500_000, "the demo video must stay well under 1.5 MB");
    }

    // ---------- refused files ----------

    [Fact]
    public void LRN_01_files_that_are_not_iso_media_are_refused()
    {
        Assert.Equal(Errors.Empty, Run([]).Error);
        Assert.Equal(Errors.NotMp4, Run(Encoding.UTF8.GetBytes("这不是视频，只是改了扩展名的文本文件。")).Error);
        Assert.Equal(Errors.NotMp4, Run("%PDF-1.7\n%%EOF"u8.ToArray()).Error);
        Assert.Equal(Errors.NotMp4, Run(File(Moov(MvhdV0(1000, 1000)), Mdat())).Error);   // no ftyp first
        Assert.Equal(Errors.NotMp4, Run([0, 0, 0]).Error);
    }

    [Fact]
    public void LRN_01_quicktime_and_other_brands_are_refused()
    {
        Assert.Equal(Errors.Brand, Run(File(Ftyp("qt  "), Moov(MvhdV0(1000, 1000)), Mdat())).Error);
        Assert.Equal(Errors.Brand, Run(File(Ftyp("3gp4", "3gp4", "3gp5"), Moov(MvhdV0(1000, 1000)), Mdat())).Error);
        Assert.Equal(Errors.Brand, Run(File(Box("ftyp", [1, 2]), Mdat())).Error);   // too short to hold a brand
    }

    [Fact]
    public void LRN_01_a_file_without_moov_or_mvhd_is_refused()
    {
        Assert.Equal(Errors.NoMoov, Run(File(Ftyp(), Mdat())).Error);
        Assert.Equal(Errors.NoMoov, Run(File(Ftyp(), Box("moov", Box("trak")), Mdat())).Error);
        Assert.Equal(Errors.NoMdat, Run(File(Ftyp(), Moov(MvhdV0(1000, 1000)))).Error);
    }

    [Fact]
    public void LRN_01_zero_or_unknown_duration_and_zero_timescale_are_refused()
    {
        Assert.Equal(Errors.ZeroDuration, Run(File(Ftyp(), Moov(MvhdV0(1000, 0)), Mdat())).Error);
        Assert.Equal(Errors.ZeroDuration, Run(File(Ftyp(), Moov(MvhdV0(0, 1000)), Mdat())).Error);
        Assert.Equal(Errors.ZeroDuration, Run(File(Ftyp(), Moov(MvhdV0(1000, uint.MaxValue)), Mdat())).Error);
        Assert.Equal(Errors.ZeroDuration, Run(File(Ftyp(), Moov(MvhdV1(1000, ulong.MaxValue)), Mdat())).Error);
        Assert.Equal(Errors.TooLong, Run(File(Ftyp(), Moov(MvhdV1(1, 25 * 3600)), Mdat())).Error);
    }

    [Fact]
    public void LRN_01_truncated_box_sizes_are_refused()
    {
        var good = File(Ftyp(), Moov(MvhdV0(1000, 180_000)), Mdat());
        Assert.Equal(Errors.Truncated, Run(good[..^10]).Error);                       // mdat cut short
        Assert.Equal(Errors.Truncated, Run(File(Ftyp(), [0, 0, 0])).Error);            // half a header
        var tiny = File(Ftyp(), Mdat());
        BinaryPrimitives.WriteUInt32BigEndian(tiny.AsSpan(Ftyp().Length), 4);         // size below the header length
        Assert.Equal(Errors.Truncated, Run(tiny).Error);
        var shortMvhd = File(Ftyp(), Box("moov", Box("mvhd", new byte[10])), Mdat()); // v0 body needs 20 bytes
        Assert.Equal(Errors.Truncated, Run(shortMvhd).Error);
        var childTooBig = File(Ftyp(), Moov(MvhdV0(1000, 1000)), Mdat());
        BinaryPrimitives.WriteUInt32BigEndian(childTooBig.AsSpan(Ftyp().Length + 8), 100_000);   // mvhd claims more than moov holds
        Assert.Equal(Errors.Truncated, Run(childTooBig).Error);
    }

    [Fact]
    public void LRN_01_huge_box_size_claims_neither_allocate_nor_loop()
    {
        var hostile = new List<byte[]>();
        var huge32 = File(Ftyp(), Mdat(16));
        BinaryPrimitives.WriteUInt32BigEndian(huge32.AsSpan(Ftyp().Length), uint.MaxValue);
        hostile.Add(huge32);
        foreach (var large in new ulong[] { ulong.MaxValue, long.MaxValue, 1UL << 40, 9 })
        {
            var b = File(Ftyp(), LargeBox("mdat", new byte[16]));
            BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(Ftyp().Length + 8), large);
            hostile.Add(b);
        }
        var moovHuge = File(Ftyp(), Moov(MvhdV0(1000, 1000)), Mdat());
        BinaryPrimitives.WriteUInt32BigEndian(moovHuge.AsSpan(Ftyp().Length), 0x7FFF_FFFF);
        hostile.Add(moovHuge);
        // Many minimal boxes: bounded by MaxBoxes, never an endless walk.
        hostile.Add(File([Ftyp(), .. Enumerable.Repeat(Box("free"), MaxBoxes + 5)]));

        foreach (var bytes in hostile)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var timer = Stopwatch.StartNew();
            var (info, error) = Run(bytes);
            timer.Stop();
            Assert.Null(info);
            Assert.Equal(Errors.Truncated, error);
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(2), $"took {timer.Elapsed}");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "allocated more than a few MB");
        }
    }

    [Fact]
    public void LRN_01_a_size_zero_box_runs_to_the_end_of_the_file()
    {
        var b = File(Ftyp(), Moov(MvhdV0(1000, 2000)), Mdat(32));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(b.Length - 40), 0);
        var (info, error) = Run(b);
        Assert.Null(error);
        Assert.Equal(2.0, info!.DurationSeconds);
    }

    [Fact]
    public void Every_error_code_has_a_chinese_message()
    {
        foreach (var code in new[] { Errors.Empty, Errors.NotMp4, Errors.Brand, Errors.Truncated, Errors.NoMoov, Errors.NoMdat, Errors.ZeroDuration, Errors.TooLong })
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Message(code));
    }
}
