using System.Text.Json;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Notifications.Email;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Notifications;

public static class NotificationsModule
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section));
        builder.Services.AddScoped<INotificationsApi, NotificationsApi>();
        builder.Services.AddScoped<SendEmailJob>();
        builder.Services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<SendEmailJob>());
    }

    /// <summary>
    /// In-site message, plus an e-mail work item in the same transaction when SMTP is configured (SUP-06): the e-mail
    /// carries the same content as the in-site message.
    /// </summary>
    private sealed class NotificationsApi(AppDbContext db, IOptions<SmtpOptions> smtp, TimeProvider clock) : INotificationsApi
    {
        public void Stage(Guid userId, string title, string body, string link)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Set<InboxMessage>().Add(InboxMessage.Create(userId, title, body, link, now));
            if (smtp.Value.Enabled)
                db.Set<WorkItem>().Add(new WorkItem(SendEmailJob.Kind, JsonSerializer.Serialize(new EmailPayload(userId, title, body, link)), now));
        }
    }
}
