using PdfSharp.Pdf.IO;
using TrainEval.Web.Modules.Certificates;

namespace TrainEval.UnitTests.Certificates;

public sealed class CertificateNumbersTests
{
    [Fact]
    public void CRT_01_number_follows_the_documented_scheme()
    {
        var id = Guid.Parse("5a1c2e3f-0000-0000-0000-000000000001");
        var number = CertificateNumbers.Format(CertificateNumbers.DefaultInstitutionCode(id), 2026, CertificateNumbers.OccupationCode("SSI-SWIM-4", 4), 4, 123);
        Assert.Equal("E5A1C2-2026-SSISWIM-4-000123", number);
        Assert.Matches(CertificateNumbers.NumberPattern(), number);
        Assert.Equal(number, CertificateNumbers.NormalizeNumber(" e5a1c2-2026-ssiswim-4-000123 "));
        Assert.Null(CertificateNumbers.NormalizeNumber("E5A1C2-2026-SSISWIM-9-000123"));
        Assert.Null(CertificateNumbers.NormalizeNumber("<script>"));
        Assert.Equal("OCC", CertificateNumbers.OccupationCode("--", 3));
        Assert.Equal("ABCDEFGHIJ", CertificateNumbers.OccupationCode("abcdefghijklmn", 1));
    }

    [Fact]
    public void CRT_02_verification_code_has_80_bits_in_an_unambiguous_alphabet()
    {
        Assert.Equal(32, CertificateNumbers.Alphabet.Distinct().Count());
        Assert.DoesNotContain('0', CertificateNumbers.Alphabet);
        Assert.DoesNotContain('1', CertificateNumbers.Alphabet);
        Assert.DoesNotContain('O', CertificateNumbers.Alphabet);
        Assert.DoesNotContain('I', CertificateNumbers.Alphabet);
        var codes = Enumerable.Range(0, 2000).Select(_ => CertificateNumbers.NewVerificationCode()).ToList();
        Assert.All(codes, c => Assert.Equal(16, c.Length));   // 16 × 5 bits = 80 bits
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal("22222222", CertificateNumbers.Encode(new byte[5]));
        Assert.Equal("ZZZZZZZZ", CertificateNumbers.Encode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        var code = codes[0];
        Assert.Equal(code, CertificateNumbers.NormalizeCode(CertificateNumbers.Grouped(code).ToLowerInvariant()));
        Assert.Null(CertificateNumbers.NormalizeCode("0000-0000-0000-0000"));
        Assert.Null(CertificateNumbers.NormalizeCode(code + "A"));
    }

    [Fact]
    public void CRT_02_certificate_pdf_is_one_landscape_a4_page_with_the_verification_link()
    {
        var bytes = CertificatePdf.Build(new CertificatePdfData("E5A1C2-2026-SSISWIM-4-000123", "ABCDEFGHJKLMNPQR", "欧阳娜娜", "居民身份证", "440***********1234",
            "社会体育指导员（游泳）四级/中级工 职业技能培训与评价", "社会体育指导员（游泳）", "四级/中级工", "合格", "理论知识 86/100；操作技能 90/100",
            "示例体育职业技能评价中心", new DateTime(2026, 11, 26, 2, 0, 0, DateTimeKind.Utc), "https://verify.example.cn/verify-certificate/ABCDEFGHJKLMNPQR"));
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.InRange(bytes.Length, 10_000, 1_500_000);
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, pdf.PageCount);
        Assert.Equal(842, pdf.Pages[0].Width.Point, 0);
        Assert.Equal(595, pdf.Pages[0].Height.Point, 0);
        Assert.Contains("https://verify.example.cn/verify-certificate/ABCDEFGHJKLMNPQR", System.Text.Encoding.Latin1.GetString(bytes));
    }
}
