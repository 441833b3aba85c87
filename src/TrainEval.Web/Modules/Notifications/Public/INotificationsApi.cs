namespace TrainEval.Web.Modules.Notifications.Public;

public interface INotificationsApi
{
    /// <summary>Stages an in-site message in the caller's unit of work; it is saved with the caller's change.</summary>
    void Stage(Guid userId, string title, string body, string link);
}
