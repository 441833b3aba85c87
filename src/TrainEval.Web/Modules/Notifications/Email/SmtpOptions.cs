namespace TrainEval.Web.Modules.Notifications.Email;

/// <summary>SMTP for e-mail notifications (SUP-06), bound from "Modules:Notifications:Smtp". Empty host = e-mail off.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Modules:Notifications:Smtp";
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>"StartTls" (default), "SslOnConnect" or "None" (only for a local relay).</summary>
    public string Security { get; set; } = "StartTls";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "体育职业技能线上培训与评价平台";
    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(FromAddress);
}
