using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    HourStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Checks = table.Column<int>(type: "integer", nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    Retries = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcknowledgeNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_captures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Context = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    ContextRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Challenge = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_captures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TextVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TextSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaptureId = table.Column<Guid>(type: "uuid", nullable: true),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Context = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContextRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Similarity = table.Column<double>(type: "double precision", nullable: true),
                    Liveness = table.Column<double>(type: "double precision", nullable: true),
                    MatchThreshold = table.Column<double>(type: "double precision", nullable: false),
                    LivenessThreshold = table.Column<double>(type: "double precision", nullable: false),
                    Challenge = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChallengeMet = table.Column<bool>(type: "boolean", nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FrameCount = table.Column<int>(type: "integer", nullable: false),
                    FramesFileKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrappedKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Review = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ReviewFlag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_references",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourceRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrappedKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TemplateCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    PhotoFileKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RetiredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RetiredReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idv_references", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idv_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
