using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerEffectiveTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_learning_ledger_entries_LearnerId_CourseId",
                table: "learning_ledger_entries",
                columns: new[] { "LearnerId", "CourseId" })
                .Annotation("Npgsql:IndexInclude", new[] { "Credited", "DurationMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_learning_ledger_entries_LearnerId_CourseId",
                table: "learning_ledger_entries");
        }
    }
}
