using Microsoft.AspNetCore.Authorization;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Signing;

/// <summary>EC-01/EC-02: the exam commitment of a sitting, after this sitting's identity check.</summary>
[Authorize(Policy = Permissions.Exams.Sit)]
public sealed class SignExamModel(SigningService signing, IOneTimeCodeSender codes, CurrentUser me, ExamsGateway exams) : SignPage(signing, codes, me)
{
    private readonly SigningService service = signing;

    public bool ExamsAvailable => exams.Exams is not null && exams.Entry is not null;

    protected override Task<SignContext?> LoadContextAsync(Guid learnerId, CancellationToken ct)
        => service.ExamAsync(learnerId, Guid.TryParse(RouteData.Values["sittingId"]?.ToString(), out var id) ? id : Guid.Empty, ct);
}
