using PdfSharp.Fonts;

namespace TrainEval.Web.Platform.Pdf;

/// <summary>
/// PDFsharp font resolver for Chinese documents: every family resolves to one TrueType face, by default
/// "WenQuanYi Zen Hei" copied out of Debian's <c>fonts-wqy-zenhei</c> collection (see README.md for provenance and
/// licence). Bold and italic are simulated by PDFsharp (the font has a single weight).
/// </summary>
/// <remarks>
/// <see cref="GlobalFontSettings.FontResolver"/> is process-wide and may only ever hold one instance, so the resolver
/// is created and installed once through <see cref="EnsureRegistered(string?)"/>; later calls (another request,
/// another <c>WebApplicationFactory</c> host in the same test process) return the installed instance.
/// </remarks>
public sealed class CjkFontResolver : IFontResolver
{
    public const string FamilyName = "WenQuanYi Zen Hei";
    public const string DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    /// <summary>Configuration key of the font file (<c>.ttf</c> or <c>.ttc</c>).</summary>
    public const string FontPathKey = "Platform:Pdf:FontPath";

    private const string FaceName = "CjkFontResolver#Regular";
    private static readonly Lock Gate = new();
    private static CjkFontResolver? installed;

    private readonly byte[] font;

    /// <summary>Loads the font now, so a missing or unreadable file fails here with a clear message.</summary>
    public CjkFontResolver(string fontPath)
    {
        FontPath = Path.GetFullPath(fontPath);
        font = LoadFace(FontPath);
    }

    /// <summary>Full path of the font file the face was read from.</summary>
    public string FontPath { get; }

    /// <summary>The standalone TrueType face handed to PDFsharp.</summary>
    public ReadOnlyMemory<byte> FontData => font;

    /// <summary>The installed resolver, or null before the first <see cref="EnsureRegistered(string?)"/>.</summary>
    public static CjkFontResolver? Installed
    {
        get { lock (Gate) return installed; }
    }

    /// <summary>Installs the resolver for <see cref="FontPathKey"/> (default <see cref="DefaultFontPath"/>) once per process.</summary>
    public static CjkFontResolver EnsureRegistered(IConfiguration configuration) => EnsureRegistered(configuration[FontPathKey]);

    /// <summary>
    /// Installs the resolver once per process and returns it. With no path, whatever is installed is returned (or the
    /// default font installed). Asking for a different font file than the one installed is a configuration error,
    /// because PDFsharp cannot swap its resolver once fonts have been used.
    /// </summary>
    public static CjkFontResolver EnsureRegistered(string? fontPath = null)
    {
        var requested = string.IsNullOrWhiteSpace(fontPath) ? null : Path.GetFullPath(fontPath);
        lock (Gate)
        {
            if (installed is not null)
            {
                if (requested is not null && !string.Equals(requested, installed.FontPath, StringComparison.Ordinal))
                    throw new InvalidOperationException(
                        $"PDF font already set to '{installed.FontPath}' for this process; cannot switch to '{requested}' ({FontPathKey}).");
                return installed;
            }
            if (GlobalFontSettings.FontResolver is { } other and not CjkFontResolver)
                throw new InvalidOperationException($"Another PDFsharp font resolver ({other.GetType().FullName}) is already installed.");
            var resolver = new CjkFontResolver(requested ?? DefaultFontPath);
            GlobalFontSettings.FontResolver = resolver;
            installed = resolver;
            return resolver;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        // One face serves every family: a server has no other font PDFsharp could use, and it covers Latin and digits.
        new(FaceName, isBold, isItalic);

    public byte[] GetFont(string faceName) => font;

    private static byte[] LoadFace(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The Chinese PDF font '{path}' does not exist. Install the Debian package fonts-wqy-zenhei " +
                $"(apt-get install fonts-wqy-zenhei) or set {FontPathKey} to a TrueType font (.ttf/.ttc) with Chinese glyphs.", path);
        var file = File.ReadAllBytes(path);
        try
        {
            if (!TrueTypeCollection.IsCollection(file)) return file;
            var index = TrueTypeCollection.FindFace(file, FamilyName);
            return TrueTypeCollection.ExtractFace(file, index < 0 ? 0 : index);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"'{path}' is not a readable TrueType font or collection ({FontPathKey}).", e);
        }
    }
}
