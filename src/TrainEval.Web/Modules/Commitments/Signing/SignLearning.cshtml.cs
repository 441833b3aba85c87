using Microsoft.AspNetCore.Authorization;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Signing;

/// <summary>LC-01..03: the learning commitment of a project.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class SignLearningModel(SigningService signing, IOneTimeCodeSender codes, CurrentUser me) : SignPage(signing, codes, me)
{
    private readonly SigningService service = signing;

    protected override Task<SignContext?> LoadContextAsync(Guid learnerId, CancellationToken ct)
        => service.LearningAsync(learnerId, Guid.TryParse(RouteData.Values["projectId"]?.ToString(), out var id) ? id : Guid.Empty, ct);
}
