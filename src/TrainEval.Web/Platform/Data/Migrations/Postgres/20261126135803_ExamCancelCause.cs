using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExamCancelCause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CancelCause",
                table: "exams_attempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Results cancelled before the column existed: the cause was only in the note's wording.
            migrationBuilder.Sql("""
                UPDATE "exams_attempts" SET "CancelCause" = CASE
                    WHEN "ResultNote" LIKE '平台原因%' THEN 1 WHEN "ResultNote" LIKE '违纪处理%' THEN 2 ELSE 3 END
                WHERE "ResultState" = 3
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelCause",
                table: "exams_attempts");
        }
    }
}
