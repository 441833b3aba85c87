using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Notifications;

public static class NotificationsModule
{
    public static void AddNotifications(this WebApplicationBuilder builder)
        => builder.Services.AddScoped<INotificationsApi, NotificationsApi>();

    private sealed class NotificationsApi(AppDbContext db, TimeProvider clock) : INotificationsApi
    {
        public void Stage(Guid userId, string title, string body, string link)
            => db.Set<InboxMessage>().Add(InboxMessage.Create(userId, title, body, link, clock.GetUtcNow().UtcDateTime));
    }
}
