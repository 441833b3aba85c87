using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Archive.Verify;

/// <summary>ARC-02: upload an exported archive ZIP and see, file by file, whether it is what the platform exported.</summary>
[Authorize(Policy = Permissions.Archive.Verify)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class VerifyArchiveModel(VerifyArchiveHandler handler) : PageModel
{
    public const long MaxZipBytes = 200L * 1024 * 1024;
    private const long MaxRequestBytes = MaxZipBytes + 1024 * 1024;

    public ArchiveCheckResult? Result { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, CancellationToken ct)
    {
        var outcome = await handler.VerifyAsync(upload, ct);
        if (outcome.Error is { } error)
        {
            Errors["Upload"] = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Result = outcome.Result;
        return Page();
    }

    public static string StatusName(ArchiveCheckStatus s) => s switch
    {
        ArchiveCheckStatus.Ok => "一致",
        ArchiveCheckStatus.Changed => "已改动",
        ArchiveCheckStatus.Missing => "缺失",
        ArchiveCheckStatus.Extra => "多出",
        ArchiveCheckStatus.NotAZip => "不是 ZIP",
        ArchiveCheckStatus.ManifestMissing => "无清单",
        ArchiveCheckStatus.ManifestInvalid => "清单无效",
        ArchiveCheckStatus.ChecksumMismatch => "清单哈希不符",
        ArchiveCheckStatus.ManifestUnknown => "清单未登记",
        ArchiveCheckStatus.ChainBroken => "审计链异常",
        ArchiveCheckStatus.HeadMismatch => "链头不符",
        _ => s.ToString(),
    };
}
