namespace TrainEval.Web.Modules.Certificates;

/// <summary>Display helpers shared by the certificate pages.</summary>
public static class CertificateText
{
    public static DateTime China(DateTime utc) => utc.AddHours(8);

    public static string Date(DateTime utc) => China(utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => China(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusBadge(CertificateStatus s) => s switch
    {
        CertificateStatus.Issued => "badge",
        CertificateStatus.Revoked => "badge badge-err",
        _ => "badge badge-warn",
    };

    public static string DeliveryName(Certificate c) => c.Delivery switch
    {
        "sent" => "已邮寄",
        "in_person" => "已当面发放",
        _ => c.PrintedAtUtc is null ? "待打印" : "已打印，待发放",
    };
}
