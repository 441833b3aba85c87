using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Commitments.Records;

/// <summary>LC/EC: the PDF of a signed commitment, for the learner (own records) and for staff who may view it; each print audited.</summary>
public static class PdfEndpoints
{
    public static void MapCommitmentPdfs(this WebApplication app)
    {
        app.MapGet("/my/commitments/records/{id:guid}/pdf", async (Guid id, AppDbContext db, CurrentUser me, PdfPrinter printer, CancellationToken ct) =>
        {
            var learnerId = me.RequiredUserId;
            var r = await db.Set<CommitmentRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.LearnerId == learnerId, ct);
            return r is null ? Results.NotFound() : await printer.PrintAsync(r, ct);
        }).RequireAuthorization(Permissions.Learning.Learn).ExcludeFromDescription();

        app.MapGet("/workbench/commitments/records/{id:guid}/pdf", async (Guid id, RecordsHandler handler, PdfPrinter printer, CancellationToken ct) =>
        {
            var d = await handler.DetailAsync(id, ct);
            return d is null ? Results.NotFound() : await printer.PrintAsync(d.Record, ct);
        }).RequireAuthorization(Permissions.Commitments.ViewRecords).ExcludeFromDescription();
    }
}

public sealed class PdfPrinter(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment, AuditLog audit, TimeProvider clock, IConfiguration configuration)
{
    public async Task<IResult> PrintAsync(CommitmentRecord r, CancellationToken ct)
    {
        CjkFontResolver.EnsureRegistered(configuration);
        var who = (await accounts.GetLearnerIdentitiesAsync([r.LearnerId], reveal: false, "", ct)).GetValueOrDefault(r.LearnerId);
        var project = await enrollment.GetProjectAsync(r.ProjectId, ct);
        var title = await db.Set<CommitmentTemplate>().AsNoTracking().Where(t => t.Id == r.TemplateId).Select(t => t.Title).FirstOrDefaultAsync(ct)
                    ?? CommitmentScope.KindName(r.Kind);
        var now = clock.GetUtcNow().UtcDateTime;
        var pdf = CommitmentPdf.Build(new CommitmentPdfData(r, project?.Name ?? "", who?.RealName ?? "", who?.IdTypeName ?? "", who?.IdNumber ?? "", title,
            ResignReasons.StatusLabel(r), now));
        audit.Record("commitments.pdf_printed", "commitment_record", r.Id.ToString(), new { learner = r.LearnerId, kind = r.Kind.ToString() });
        await db.SaveChangesAsync(ct);
        return Results.File(pdf, "application/pdf", $"{title}-{who?.RealName}-{r.SignedAtUtc.AddHours(8):yyyyMMdd}.pdf");
    }
}
