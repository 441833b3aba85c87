using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Notifications.Email;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.IntegrationTests;

/// <summary>SUP-06: with SMTP configured, an in-site message is also sent by e-mail with the same content (MailKit → a local SMTP peer).</summary>
public sealed class NotificationEmailTests : IDisposable
{
    private readonly MiniSmtpServer smtp = new();
    private readonly TestApp app = new();

    public NotificationEmailTests()
    {
        app.Settings["Modules:Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Modules:Notifications:Smtp:Port"] = smtp.Port.ToString();
        app.Settings["Modules:Notifications:Smtp:Security"] = "None";
        app.Settings["Modules:Notifications:Smtp:FromAddress"] = "noreply@traineval.example";
    }

    public void Dispose()
    {
        app.Dispose();
        smtp.Dispose();
    }

    [Fact]
    public async Task SUP_06_a_learner_with_an_email_gets_the_in_site_message_by_mail_too()
    {
        var client = app.Browser();
        await client.LoginAsync("learner1");
        var saved = await client.PostFormAsync("/Accounts/Profile", new Dictionary<string, string>
            { ["Region"] = "广东省广州市天河区", ["Employer"] = "广州市天河区游泳馆", ["Email"] = "zhang@example.com" }, handler: "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var bad = await client.PostFormAsync("/Accounts/Profile", new Dictionary<string, string>
            { ["Region"] = "广州", ["Employer"] = "x", ["Email"] = "not an address" }, handler: "Save");
        Assert.Contains("电子邮箱格式不正确", await bad.Content.ReadAsStringAsync());

        // Any notification: the promotion agent starts an enrollment for learner1.
        var agent = app.Browser();
        await agent.LoginAsync("promo.agent");
        var started = await agent.PostFormAsync("/workbench/promotion", new Dictionary<string, string>
            { ["ProjectCode"] = "SSI-SWIM-4", ["RealName"] = "张晓明", ["IdNumber"] = People.Learner1Id });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<WorkItem>().AnyAsync(w => w.Kind == SendEmailJob.Kind && w.Status == WorkItemStatus.Pending)));

        using var scope = app.Services.CreateScope();
        var sent = await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, sent);
        var mail = await smtp.NextMessageAsync();
        Assert.Contains("RCPT TO:<zhang@example.com>", mail.Envelope);
        Assert.Contains("为您发起了报名", mail.Decoded);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<WorkItem>().CountAsync(w => w.Kind == SendEmailJob.Kind && w.Status == WorkItemStatus.Pending)));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunOnceAsync(CancellationToken.None));   // sent once only
    }
}

/// <summary>A minimal SMTP peer (RFC 5321 subset) that records what a real client sends.</summary>
internal sealed class MiniSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly System.Threading.Channels.Channel<(string Envelope, string Data)> messages = System.Threading.Channels.Channel.CreateUnbounded<(string, string)>();
    private readonly CancellationTokenSource stop = new();
    public int Port { get; }

    public MiniSmtpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public async Task<(string Envelope, string Decoded)> NextMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (envelope, data) = await messages.Reader.ReadAsync(timeout.Token);
        var message = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        return (envelope, message.Subject + "\n" + message.TextBody);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); } catch (OperationCanceledException) { return; } catch (ObjectDisposedException) { return; }
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 mini-smtp ready");
        var envelope = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO": await writer.WriteLineAsync("250-mini-smtp"); await writer.WriteLineAsync("250 8BITMIME"); break;
                case "HELO": await writer.WriteLineAsync("250 mini-smtp"); break;
                case "MAIL": case "RCPT": envelope.AppendLine(line); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".") data.AppendLine(d.StartsWith("..") ? d[1..] : d);
                    messages.Writer.TryWrite((envelope.ToString(), data.ToString()));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
