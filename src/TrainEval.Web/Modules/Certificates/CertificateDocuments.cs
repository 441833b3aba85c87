namespace TrainEval.Web.Modules.Certificates;

/// <summary>Builds a certificate's PDF and its public verification URL (base from <c>Modules:Certificates:PublicBaseUrl</c>, else the request's origin).</summary>
public sealed class CertificateDocuments(IConfiguration configuration, IHttpContextAccessor http)
{
    public const string VerifyPath = "/verify-certificate";

    public string BaseUrl
    {
        get
        {
            var configured = configuration["Modules:Certificates:PublicBaseUrl"];
            if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}";
        }
    }

    public string VerifyUrl(Certificate c) => $"{BaseUrl}{VerifyPath}/{c.VerificationCode}";

    public byte[] Pdf(Certificate c) => CertificatePdf.Build(new CertificatePdfData(c.Number, c.VerificationCode, c.HolderName, c.IdTypeName, c.IdNumberMasked,
        c.ProjectName, c.Occupation, c.LevelName, c.Result, c.ResultDetail, c.InstitutionName, c.IssuedAtUtc, VerifyUrl(c),
        c.Status switch { CertificateStatus.Revoked => "已撤销　仅供存档", CertificateStatus.Replaced => "已换发　原证作废", _ => null }));

    public static string FileName(Certificate c) => $"certificate-{c.Number}.pdf";
}
