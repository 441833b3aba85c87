using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FaceVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idv_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HourStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Checks = table.Column<int>(type: "INTEGER", nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    Retries = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AcknowledgeNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_captures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContextRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Challenge = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_captures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TextVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TextSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaptureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Context = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContextRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Similarity = table.Column<double>(type: "REAL", nullable: true),
                    Liveness = table.Column<double>(type: "REAL", nullable: true),
                    MatchThreshold = table.Column<double>(type: "REAL", nullable: false),
                    LivenessThreshold = table.Column<double>(type: "REAL", nullable: false),
                    Challenge = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChallengeMet = table.Column<bool>(type: "INTEGER", nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    FrameCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FramesFileKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WrappedKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferenceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ReviewFlag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_references",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WrappedKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TemplateCipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PhotoFileKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetiredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_references", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_reviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idv_alerts_InstitutionId_HourStartUtc",
                table: "idv_alerts",
                columns: new[] { "InstitutionId", "HourStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_idv_captures_LearnerId_IssuedAtUtc",
                table: "idv_captures",
                columns: new[] { "LearnerId", "IssuedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_consents_LearnerId_AtUtc",
                table: "idv_consents",
                columns: new[] { "LearnerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_decisions_CaptureId",
                table: "idv_decisions",
                column: "CaptureId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_idv_decisions_InstitutionId_AtUtc",
                table: "idv_decisions",
                columns: new[] { "InstitutionId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_decisions_LearnerId_AtUtc",
                table: "idv_decisions",
                columns: new[] { "LearnerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_decisions_Review_AtUtc",
                table: "idv_decisions",
                columns: new[] { "Review", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_references_LearnerId_CreatedAtUtc",
                table: "idv_references",
                columns: new[] { "LearnerId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_idv_reviews_DecisionId",
                table: "idv_reviews",
                column: "DecisionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idv_alerts");

            migrationBuilder.DropTable(
                name: "idv_captures");

            migrationBuilder.DropTable(
                name: "idv_consents");

            migrationBuilder.DropTable(
                name: "idv_decisions");

            migrationBuilder.DropTable(
                name: "idv_references");

            migrationBuilder.DropTable(
                name: "idv_reviews");
        }
    }
}
