using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SourceAttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceSittingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenSourceAttemptId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Case = table.Column<int>(type: "INTEGER", nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RulesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RulesVersionNo = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MakeupSittingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_makeup_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_makeup_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNo = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowFailed = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowAbsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowPlatformInterruption = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxMakeups = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Payee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
