using System.IO.Compression;
using System.Text;
using TrainEval.Web.Modules.Archive.Export;
using TrainEval.Web.Modules.Archive.Verify;
using TrainEval.Web.Platform.Archive;

namespace TrainEval.UnitTests.Archive;

public sealed class ArchiveManifestTests
{
    private static readonly DateTime At = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);

    private static ArchivePackage.Packed Pack(params (string Path, string Content)[] files)
        => ArchivePackage.Write([.. files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Content)))], listed => new ArchiveManifest(ArchiveManifest.CurrentFormat,
            new ManifestLearner(Guid.Empty, "张三", "zhangsan", "居民身份证", "440***********1234"), At, new ManifestActor(null, "测试", "learner"),
            new ManifestScope(false, []), new ManifestMasking(false, ""), new ManifestAuditHead(1, 1, "abc"), [], listed), At);

    private static readonly ArchivePackage.Packed Sample = Pack(("summary.pdf", "%PDF-1.4 摘要"), ("records/exams.json", "{\"records\":[]}"),
        ("attachments/enrollment/photo.png", "png-bytes"));

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var a = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return a.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); using var ms = new MemoryStream(); s.CopyTo(ms); return ms.ToArray(); });
    }

    private static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        using var ms = new MemoryStream();
        using (var a = new ZipArchive(ms, ZipArchiveMode.Create, true))
            foreach (var (name, content) in files) { using var s = a.CreateEntry(name).Open(); s.Write(content); }
        return ms.ToArray();
    }

    private static ArchiveCheckResult Check(byte[] zip) => ManifestCheck.Check(new MemoryStream(zip));

    [Fact]
    public void ARC_02_an_untouched_export_checks_out_file_by_file()
    {
        var result = Check(Sample.Zip);
        Assert.True(result.Intact);
        Assert.Equal(Sample.ManifestSha256, result.ManifestSha256);
        Assert.Equal(3, result.Items.Count(i => i.Status == ArchiveCheckStatus.Ok && i.Message == "一致"));
        Assert.Equal(["attachments/enrollment/photo.png", "records/exams.json", "summary.pdf"], Sample.Manifest.Files.Select(f => f.Path).Order());
    }

    [Fact]
    public void ARC_02_one_changed_byte_names_the_file()
    {
        var files = Entries(Sample.Zip);
        files["records/exams.json"][3] ^= 0x20;
        var result = Check(Zip(files));
        Assert.False(result.Intact);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((ArchiveCheckStatus.Changed, "records/exams.json"), (problem.Status, problem.Path));
    }

    [Fact]
    public void ARC_02_missing_extra_and_longer_files_are_reported()
    {
        var files = Entries(Sample.Zip);
        files.Remove("summary.pdf");
        files["attachments/enrollment/photo.png"] = [.. files["attachments/enrollment/photo.png"], .. new byte[1_000_000]];
        files["../evil.txt"] = "x"u8.ToArray();
        var problems = Check(Zip(files)).Problems.Select(p => (p.Status, p.Path)).ToList();
        Assert.Contains((ArchiveCheckStatus.Missing, "summary.pdf"), problems);
        Assert.Contains((ArchiveCheckStatus.Changed, "attachments/enrollment/photo.png"), problems);
        Assert.Contains((ArchiveCheckStatus.Extra, "../evil.txt"), problems);
    }

    [Fact]
    public void ARC_02_an_edited_manifest_no_longer_matches_its_checksum_and_its_hash_changes()
    {
        var files = Entries(Sample.Zip);
        files["manifest.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["manifest.json"]).Replace("张三", "李四"));
        var result = Check(Zip(files));
        Assert.NotEqual(Sample.ManifestSha256, result.ManifestSha256);
        Assert.Contains(result.Problems, p => p.Status == ArchiveCheckStatus.ChecksumMismatch);
    }

    [Fact]
    public void ARC_02_not_a_zip_or_no_manifest_is_a_clear_failure()
    {
        Assert.Equal(ArchiveCheckStatus.NotAZip, Assert.Single(Check("%PDF-1.4"u8.ToArray()).Items).Status);
        var files = Entries(Sample.Zip);
        files.Remove("manifest.json");
        Assert.Equal(ArchiveCheckStatus.ManifestMissing, Assert.Single(Check(Zip(files)).Items).Status);
        files["manifest.json"] = "{\"format\":\"other\"}"u8.ToArray();
        Assert.Contains(Check(Zip(files)).Items, i => i.Status == ArchiveCheckStatus.ManifestInvalid);
    }

    [Fact]
    public void ARC_02_duplicate_file_names_get_a_numbered_path()
    {
        var taken = new HashSet<string>();
        Assert.Equal("attachments/a/x.pdf", ArchivePackage.Unique(taken, "attachments/a", "x.pdf"));
        Assert.Equal("attachments/a/x-2.pdf", ArchivePackage.Unique(taken, "attachments/a", "x.pdf"));
        Assert.Equal("_etc_passwd", ArchiveFiles.SafeName("../etc/passwd"));
    }

    private sealed class Sample2
    {
        public Guid Id { get; } = Guid.Empty;
        public string Name { get; } = "名称";
        public byte[] Secret { get; } = [1, 2, 3];
        public List<int> Items { get; } = [1];
        public DayOfWeek Day { get; } = DayOfWeek.Monday;
        public DateOnly? Date { get; } = new DateOnly(2026, 11, 25);
        public string CodeHash { get; } = "h";
    }

    [Fact]
    public void ARC_01_record_fields_keep_simple_values_and_never_bytes_collections_or_excluded_names()
    {
        var fields = ArchiveFields.Of(new Sample2(), "CodeHash");
        Assert.Equal(["Id", "Name", "Day", "Date"], fields.Keys);
        Assert.Equal("Monday", fields["Day"]);
    }
}
