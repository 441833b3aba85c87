using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "retention_disposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RecordTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PeriodDays = table.Column<int>(type: "integer", nullable: false),
                    CutoffUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Ids = table.Column<string>(type: "text", nullable: false),
                    ProposedCount = table.Column<int>(type: "integer", nullable: false),
                    IdsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OldestRecordUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProposedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConfirmedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DisposedCount = table.Column<int>(type: "integer", nullable: false),
                    FilesDeleted = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retention_disposals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_retention_disposals_ProposedAtUtc",
                table: "retention_disposals",
                column: "ProposedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_retention_disposals_RecordType_Status",
                table: "retention_disposals",
                columns: new[] { "RecordType", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "retention_disposals");
        }
    }
}
