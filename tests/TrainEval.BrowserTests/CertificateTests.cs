using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.Web.Modules.Certificates;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.BrowserTests;

/// <summary>
/// CRT-02 in a real browser: the learner downloads the certificate PDF from "我的证书", then someone without an account
/// opens the QR code's verification URL (read from the PDF) and sees the valid certificate with the name masked.
/// The certificate is arranged in the database (issuance behind the journey gate has its own integration tests).
/// </summary>
public sealed partial class CertificateTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<T> DbAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        using var scope = Fixture.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    [Fact]
    public async Task CRT_02_learner_downloads_the_pdf_and_the_public_qr_link_verifies_it()
    {
        Journey("certificate");
        var phone = NewPhone();
        var name = "证" + Han(phone[^4..]);
        await RegisterLearnerAsync(name, phone, "Cert2026pass");
        var number = await DbAsync(async (db, sp) =>
        {
            var user = await db.Set<AppUser>().SingleAsync(u => u.RealName == name);
            var project = await db.Set<Project>().SingleAsync(p => p.Code == "SSI-SWIM-4");
            var now = Fixture.App.Clock.GetUtcNow().UtcDateTime;
            var idNumber = "44010619930618" + Random.Shared.Next(100, 1000);
            var data = new CertificateData(user.Id, project.Id, project.EvaluationInstitutionId, project.TrainingInstitutionId, name, "居民身份证",
                sp.GetRequiredService<FieldProtector>().Encrypt(idNumber + "X", Certificate.IdPurpose), Masking.IdNumber(idNumber + "X"), project.Code,
                project.Name, project.Occupation, project.Level, Project.LevelName(project.Level), "合格", "理论知识 86/100", "示例体育职业技能评价中心");
            var serial = Random.Shared.Next(900_000, 999_999);
            var c = new Certificate(data, CertificateNumbers.Format("E00000", 2026, CertificateNumbers.OccupationCode(project.Code, project.Level), project.Level, serial),
                CertificateNumbers.NewVerificationCode(), null, "浏览器测试", now);
            db.Add(c);
            db.Add(new CertificateEvent(c.Id, "issued", $"证书编号 {c.Number}", null, "浏览器测试", now));
            await db.SaveChangesAsync();
            return c.Number;
        });

        await GotoAsync("/my/certificates");
        await Expect(ById("my-certificate-number")).ToHaveTextAsync(number);
        await Expect(ById("my-certificate-status")).ToHaveTextAsync("有效");
        await ScreenshotAsync("my-certificates");

        var download = await Page.RunAndWaitForDownloadAsync(() => ById("my-certificate-pdf").ClickAsync());
        var pdfPath = Path.Combine(Fixture.ScreenshotDirectory, "certificate-02-certificate.pdf");
        await download.SaveAsAsync(pdfPath);
        var bytes = await File.ReadAllBytesAsync(pdfPath);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        RenderFirstPage(pdfPath, Path.Combine(Fixture.ScreenshotDirectory, "certificate-03-certificate-pdf"));
        var url = VerifyUrl().Match(Encoding.Latin1.GetString(bytes)).Value;
        Assert.StartsWith(Fixture.BaseAddress.GetLeftPart(UriPartial.Authority), url);

        // Anyone, without an account, scans the QR code.
        await using var anonymous = await Fixture.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await anonymous.NewPageAsync();
        await page.GotoAsync(url);
        await Expect(page.GetByTestId("verify-status")).ToHaveTextAsync("有效");
        await Expect(page.GetByTestId("verify-holder")).ToHaveTextAsync(Masking.Name(name));
        await Expect(page.GetByTestId("verify-result")).ToContainTextAsync(number);
        await Expect(page.GetByTestId("verify-issuer")).ToHaveTextAsync("示例体育职业技能评价中心");
        await Expect(page.GetByTestId("nav-login")).ToBeVisibleAsync();   // not signed in
        await ScreenshotAsync(page, "public-verification");
    }

    /// <summary>Page 1 of the PDF as PNG with poppler's pdftoppm, when installed (to look at the layout).</summary>
    private static void RenderFirstPage(string pdf, string pngPrefix)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "pdftoppm")).FirstOrDefault(File.Exists);
        if (exe is null) return;
        using var p = Process.Start(new ProcessStartInfo(exe, ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, pngPrefix]))!;
        p.WaitForExit(30_000);
    }

    [GeneratedRegex(@"https?://[0-9A-Za-z.:\-]+/verify-certificate/[2-9A-HJ-NP-Z]{16}")]
    private static partial Regex VerifyUrl();
}
