using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Violations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiftReason",
                table: "violations_bans",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "LiftedById",
                table: "violations_bans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftedByName",
                table: "violations_bans",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "violations_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViolationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_violations_evidence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "violations_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SittingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SittingLabel = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ActCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    TierRaiseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Facts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CorrectsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Consequence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AppealRoute = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    VoidedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    BanId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_violations_records", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_violations_bans_ViolationId",
                table: "violations_bans",
                column: "ViolationId");

            migrationBuilder.CreateIndex(
                name: "IX_violations_evidence_ViolationId",
                table: "violations_evidence",
                column: "ViolationId");

            migrationBuilder.CreateIndex(
                name: "IX_violations_records_CorrectsId",
                table: "violations_records",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_violations_records_EvaluationInstitutionId_State_RecordedAtUtc",
                table: "violations_records",
                columns: new[] { "EvaluationInstitutionId", "State", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_violations_records_LearnerId_ProjectId",
                table: "violations_records",
                columns: new[] { "LearnerId", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_violations_records_State_DecidedAtUtc",
                table: "violations_records",
                columns: new[] { "State", "DecidedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "violations_evidence");

            migrationBuilder.DropTable(
                name: "violations_records");

            migrationBuilder.DropIndex(
                name: "IX_violations_bans_ViolationId",
                table: "violations_bans");

            migrationBuilder.DropColumn(
                name: "LiftReason",
                table: "violations_bans");

            migrationBuilder.DropColumn(
                name: "LiftedById",
                table: "violations_bans");

            migrationBuilder.DropColumn(
                name: "LiftedByName",
                table: "violations_bans");
        }
    }
}
