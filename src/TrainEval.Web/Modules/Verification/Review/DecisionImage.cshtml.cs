using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Verification.Review;

/// <summary>
/// One image of a decision for the reviewer: index 0 is the reference photo the decision compared with, 1..n the frames.
/// Decrypted per request, never cached, and every view is an audit entry (IDV-06).
/// </summary>
[Authorize(Policy = Permissions.Identity.Review)]
public sealed class DecisionImageModel(StaffScope scope, AppDbContext db, BiometricVault vault, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid decisionId, int index, CancellationToken ct)
    {
        var decision = await scope.Decisions().FirstOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null || index < 0) return NotFound();
        byte[]? image = null;
        if (index == 0 && decision.ReferenceId is { } refId)
        {
            var reference = await db.Set<FaceReference>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == refId, ct);
            if (reference is not null) image = (await OpenAsync(reference.Id, reference.WrappedKey, reference.PhotoFileKey, ct)).FirstOrDefault();
        }
        else if (index >= 1 && decision.FramesFileKey.Length > 0)
        {
            var frames = await OpenAsync(decision.Id, decision.WrappedKey, decision.FramesFileKey, ct);
            image = index <= frames.Count ? frames[index - 1] : null;
        }
        if (image is null) return NotFound();
        audit.Record("idv.biometric.read", "idv-decision", decision.Id.ToString(), new { purpose = "review", image = index == 0 ? "reference" : $"frame {index}", learner = decision.LearnerId },
            decision.InstitutionId);
        await db.SaveChangesAsync(ct);
        Response.Headers.CacheControl = "no-store";
        return File(image, UploadInspector.Sniff(image) == "png" ? "image/png" : "image/jpeg");
    }

    private async Task<IReadOnlyList<byte[]>> OpenAsync(Guid recordId, string wrappedKey, string fileKey, CancellationToken ct)
    {
        var key = vault.UnwrapKey(recordId, wrappedKey);
        try { return await vault.OpenImagesAsync(key, fileKey, ct); }
        finally { CryptographicOperations.ZeroMemory(key); }
    }
}
