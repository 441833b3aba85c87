using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExamsMakeup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exams_makeup_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SourceAttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceSittingId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenSourceAttemptId = table.Column<Guid>(type: "uuid", nullable: true),
                    Case = table.Column<int>(type: "integer", nullable: false),
                    Statement = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RulesId = table.Column<Guid>(type: "uuid", nullable: false),
                    RulesVersionNo = table.Column<int>(type: "integer", nullable: false),
                    FeeFen = table.Column<long>(type: "bigint", nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    MakeupSittingId = table.Column<Guid>(type: "uuid", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_makeup_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_makeup_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNo = table.Column<int>(type: "integer", nullable: false),
                    AllowFailed = table.Column<bool>(type: "boolean", nullable: false),
                    AllowAbsent = table.Column<bool>(type: "boolean", nullable: false),
                    AllowPlatformInterruption = table.Column<bool>(type: "boolean", nullable: false),
                    MaxMakeups = table.Column<int>(type: "integer", nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: false),
                    FeeFen = table.Column<long>(type: "bigint", nullable: false),
                    Payee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_makeup_rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exams_makeup_applications_EvaluationInstitutionId_Status",
                table: "exams_makeup_applications",
                columns: new[] { "EvaluationInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_makeup_applications_LearnerId_ProjectId_Subject",
                table: "exams_makeup_applications",
                columns: new[] { "LearnerId", "ProjectId", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_makeup_applications_OpenSourceAttemptId",
                table: "exams_makeup_applications",
                column: "OpenSourceAttemptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exams_makeup_rules_ProjectId_VersionNo",
                table: "exams_makeup_rules",
                columns: new[] { "ProjectId", "VersionNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exams_makeup_applications");

            migrationBuilder.DropTable(
                name: "exams_makeup_rules");
        }
    }
}
