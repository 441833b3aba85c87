using System.Text;
using TrainEval.Web.Platform.Files;

namespace TrainEval.UnitTests.Platform;

/// <summary>ENR-03 uploads: active PDF content is refused by its PDF name, not by any byte run that starts the same way.</summary>
public sealed class UploadInspectorPdfTests
{
    private static byte[] Pdf(string body) => Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n" + body + "\nendobj\ntrailer\n%%EOF\n");

    [Theory]
    [InlineData("<< /Type /Font /BaseFont /AAKQBX+SimSun >>")]
    [InlineData("<< /Type /Font /BaseFont /JSQWER+WenQuanYi >>")]
    [InlineData("<< /Type /Page /AAMetadata 3 >>")]
    public void ENR_03_font_subset_tags_that_start_like_an_action_are_accepted(string body)
        => Assert.Null(UploadInspector.Inspect(Pdf(body), ["pdf"], 1024).Error);

    [Theory]
    [InlineData("<< /OpenAction 5 0 R >>")]
    [InlineData("<< /S /JavaScript /JS (app.alert(1)) >>")]
    [InlineData("<< /AA << /O 4 0 R >> >>")]
    [InlineData("<< /Type /Filespec /EmbeddedFile 7 0 R >>")]
    [InlineData("<< /S /Launch/F (cmd.exe) >>")]
    public void ENR_03_scripts_actions_and_embedded_files_are_refused(string body)
        => Assert.Contains("PDF 含有脚本", UploadInspector.Inspect(Pdf(body), ["pdf"], 1024).Error);
}
