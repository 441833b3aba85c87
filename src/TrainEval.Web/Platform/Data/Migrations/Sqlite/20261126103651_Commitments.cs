using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Commitments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitments_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SittingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RenderedText = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    RenderedSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpLogJson = table.Column<string>(type: "TEXT", maxLength: 12000, nullable: false),
                    SigningId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResignOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResignReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SupersededById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupersededAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResignRequestedReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResignRequestedNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResignRequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResignRequestedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitments_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commitments_revocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitments_revocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commitments_signings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SittingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenderedText = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    RenderedSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CheckContext = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpLogJson = table.Column<string>(type: "TEXT", maxLength: 12000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ResignOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResignReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeSalt = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CodeSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CodesSent = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitments_signings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commitments_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SittingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CoverageJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TextSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequireResign = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredByTemplateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitments_templates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_records_LearnerId_Kind_ProjectId_SignedAtUtc",
                table: "commitments_records",
                columns: new[] { "LearnerId", "Kind", "ProjectId", "SignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_records_LearnerId_SittingId",
                table: "commitments_records",
                columns: new[] { "LearnerId", "SittingId" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_records_ProjectId_SignedAtUtc",
                table: "commitments_records",
                columns: new[] { "ProjectId", "SignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_records_SigningId",
                table: "commitments_records",
                column: "SigningId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commitments_revocations_RecordId",
                table: "commitments_revocations",
                column: "RecordId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commitments_signings_LearnerId_StartedAtUtc",
                table: "commitments_signings",
                columns: new[] { "LearnerId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_templates_Kind_ProjectId_SittingId_Version",
                table: "commitments_templates",
                columns: new[] { "Kind", "ProjectId", "SittingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commitments_templates_OwnerInstitutionId_Status",
                table: "commitments_templates",
                columns: new[] { "OwnerInstitutionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commitments_records");

            migrationBuilder.DropTable(
                name: "commitments_revocations");

            migrationBuilder.DropTable(
                name: "commitments_signings");

            migrationBuilder.DropTable(
                name: "commitments_templates");
        }
    }
}
