using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RecordTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PeriodDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CutoffUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ids = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IdsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OldestRecordUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProposedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConfirmedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DisposedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FilesDeleted = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
