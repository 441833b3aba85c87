using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditSealing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_platform_audit_entries_Sequence",
                table: "platform_audit_entries");

            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "platform_audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_Sequence",
                table: "platform_audit_entries",
                column: "Sequence",
                unique: true,
                filter: "\"Sequence\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_waiting",
                table: "platform_audit_entries",
                column: "Id",
                filter: "\"Sequence\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_platform_audit_entries_Sequence",
                table: "platform_audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_platform_audit_entries_waiting",
                table: "platform_audit_entries");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "platform_audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_Sequence",
                table: "platform_audit_entries",
                column: "Sequence",
                unique: true);
        }
    }
}
