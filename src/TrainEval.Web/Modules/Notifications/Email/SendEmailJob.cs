using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Notifications.Email;

public sealed record EmailPayload(Guid UserId, string Subject, string Body, string Link);

/// <summary>
/// Delivers e-mail copies of in-site messages through SMTP (MailKit). Work items are written in the same transaction
/// as the message; each is claimed with a conditional update (a lease), so several nodes never send one twice, and
/// failures retry with back-off. Users without an e-mail address are skipped and the item is closed.
/// </summary>
public sealed class SendEmailJob(AppDbContext db, IAccountsApi accounts, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<SendEmailJob> log)
    : IRecurringJob
{
    public const string Kind = "email";
    public string Name => "notifications-email";
    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var smtp = options.Value;
        if (!smtp.Enabled) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<WorkItem>().AsNoTracking()
            .Where(w => w.Kind == Kind && w.Status == WorkItemStatus.Pending && w.NextAttemptAtUtc <= now)
            .OrderBy(w => w.Id).Take(50).Select(w => new { w.Id, w.NextAttemptAtUtc }).ToListAsync(ct);
        var sent = 0;
        foreach (var candidate in due)
        {
            var lease = now.AddMinutes(5);
            var claimed = await db.Set<WorkItem>().Where(w => w.Id == candidate.Id && w.Status == WorkItemStatus.Pending && w.NextAttemptAtUtc == candidate.NextAttemptAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.NextAttemptAtUtc, lease), ct);
            if (claimed == 0) continue;   // another node took it
            var item = await db.Set<WorkItem>().FirstAsync(w => w.Id == candidate.Id, ct);
            try
            {
                var payload = JsonSerializer.Deserialize<EmailPayload>(item.Payload)!;
                var to = await accounts.GetEmailAsync(payload.UserId, ct);
                if (!string.IsNullOrWhiteSpace(to))
                {
                    await SendAsync(smtp, to, payload, ct);
                    sent++;
                }
                item.Succeeded();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("E-mail work item {Id} failed: {Error}", item.Id, ex.GetType().Name);
                item.FailedAttempt(ex.Message, clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private static async Task SendAsync(SmtpOptions smtp, string to, EmailPayload payload, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = payload.Subject;
        message.Body = new TextPart("plain") { Text = payload.Body + (string.IsNullOrEmpty(payload.Link) ? "" : $"\n\n请登录平台查看：{payload.Link}") + "\n\n（本邮件由系统自动发送，内容与站内消息一致。）" };
        using var client = new SmtpClient();
        var security = smtp.Security switch { "SslOnConnect" => SecureSocketOptions.SslOnConnect, "None" => SecureSocketOptions.None, _ => SecureSocketOptions.StartTls };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
