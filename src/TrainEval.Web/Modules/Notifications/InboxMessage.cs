namespace TrainEval.Web.Modules.Notifications;

/// <summary>An in-site message to one user (SUP-06). E-mail and SMS delivery go through work items in a later issue.</summary>
public sealed class InboxMessage
{
    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string Link { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    private InboxMessage() { }

    public static InboxMessage Create(Guid userId, string title, string body, string link, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), UserId = userId, Title = title, Body = body, Link = link, CreatedAtUtc = nowUtc };

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
