using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Tracking;

public sealed record OpenedPlayer(LearningSession Session, string Token, PlayerFeedback Feedback);

/// <summary>
/// Opens a learning session for a player page (LRN-03, LRN-06): records who, where and from which device, then asks the
/// ledger writer to make it the learner's only counting session (refused while another unit is playing elsewhere).
/// </summary>
public sealed class PlayerSessions(AppDbContext db, LedgerWriter writer, PlayerTokens tokens)
{
    public async Task<OpenedPlayer> OpenAsync(Guid learnerId, string loginSessionId, CourseUnit unit, Course course, bool replay, string ip, string userAgent,
        DateTime nowUtc, CancellationToken ct)
    {
        var session = LearningSession.Start(learnerId, course.Id, course.ProjectId, unit.Id, loginSessionId, ip, userAgent, replay, nowUtc);
        db.Set<LearningSession>().Add(session);
        await db.SaveChangesAsync(ct);
        var feedback = await writer.SubmitAsync(new LedgerCommand
        {
            Kind = LedgerCommandKind.Open, LearnerId = learnerId, PlayerSessionId = session.Id, Ip = ip,
        }, ct);
        return new OpenedPlayer(session, tokens.Issue(session.Id, learnerId, loginSessionId), feedback);
    }

    /// <summary>The learner's resume point for a unit: the end of the part watched without a hole (server-side).</summary>
    public async Task<double> ResumePositionAsync(Guid learnerId, Guid unitId, CancellationToken ct)
    {
        var json = await db.Set<LearnerLedger>().AsNoTracking().Where(l => l.LearnerId == learnerId).Select(l => l.StateJson).FirstOrDefaultAsync(ct);
        return json is null ? 0 : LedgerStateJson.Read(json).ProgressOf(unitId).FurthestPosition;
    }
}
