using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Records.Export;

/// <summary>
/// LRN-07, SUP-04: learning sessions of the institution's learners (all institutions for regulators) in the annex-2
/// columns — a paged preview, and CSV / Excel downloads of the whole selection (audited; ID numbers masked by default).
/// </summary>
[Authorize(Policy = Permissions.Learning.ViewRecords)]
public sealed class RecordsModel(AnnexExport export, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? InstitutionId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Learner { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;
    [BindProperty] public bool Reveal { get; set; }

    public StaffScope Scope { get; private set; } = null!;
    public AnnexPage? Preview { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public bool MayReveal => me.Has(Permissions.Accounts.RevealSensitive);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = await export.ScopeAsync(ct);
        var (filter, errors) = Parse();
        Errors = errors;
        if (filter is not null) Preview = await export.PreviewAsync(Scope, filter, PageNo, ct);
    }

    public Task<IActionResult> OnPostCsvAsync(CancellationToken ct) => DownloadAsync(ExportFormat.Csv, ct);

    public Task<IActionResult> OnPostXlsxAsync(CancellationToken ct) => DownloadAsync(ExportFormat.Xlsx, ct);

    /// <summary>Query string of the current filters (for paging links).</summary>
    public string Query(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["From"] = From, ["To"] = To, ["ProjectId"] = ProjectId?.ToString(), ["InstitutionId"] = InstitutionId?.ToString(), ["Learner"] = Learner,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();

    private (RecordFilter?, IReadOnlyDictionary<string, string>) Parse() => RecordFilter.Parse(From, To, ProjectId, InstitutionId, Learner);

    private async Task<IActionResult> DownloadAsync(ExportFormat format, CancellationToken ct)
    {
        Scope = await export.ScopeAsync(ct);
        var (filter, errors) = Parse();
        if (filter is null) { Errors = errors; return Page(); }
        var (prepared, error) = await export.PrepareAsync(Scope, filter, format, Reveal, ct);
        if (prepared is null)
        {
            Errors = new Dictionary<string, string> { ["Export"] = error! };
            Preview = await export.PreviewAsync(Scope, filter, PageNo, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var name = $"学习过程记录-{RecordFormats.BeijingDay(clock.GetUtcNow().UtcDateTime):yyyyMMdd}";
        if (format == ExportFormat.Xlsx)
        {
            // The xlsx writer needs a seekable stream: a temporary file, deleted when the response has been sent.
            var file = new FileStream(Path.Combine(Path.GetTempPath(), $"te-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await AnnexExport.WriteXlsxAsync(file, prepared.Rows, ct);
                file.Position = 0;
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
            return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "learning-records.csv", FileNameStar = name + ".csv" }.ToString();
        await AnnexExport.WriteCsvAsync(Response.Body, prepared.Rows, ct);
        return new EmptyResult();
    }
}
