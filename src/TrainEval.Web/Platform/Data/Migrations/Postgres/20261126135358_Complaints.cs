using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "complaints_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ComplainantUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ComplainantName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PhoneIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EmailCipher = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EmailMasked = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AccessCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    InstitutionName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FiledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AcknowledgeDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedLate = table.Column<bool>(type: "boolean", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssigneeName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: true),
                    Reply = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FirstRepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedLate = table.Column<bool>(type: "boolean", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    ReopenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "complaints_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    VisibleToComplainant = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_attachments_ComplaintId",
                table: "complaints_attachments",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaints_ComplainantUserId_FiledAtUtc",
                table: "complaints_complaints",
                columns: new[] { "ComplainantUserId", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaints_InstitutionId_State_FiledAtUtc",
                table: "complaints_complaints",
                columns: new[] { "InstitutionId", "State", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaints_Number",
                table: "complaints_complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaints_PhoneIndex_FiledAtUtc",
                table: "complaints_complaints",
                columns: new[] { "PhoneIndex", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaints_Year_Serial",
                table: "complaints_complaints",
                columns: new[] { "Year", "Serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_events_ComplaintId_AtUtc",
                table: "complaints_events",
                columns: new[] { "ComplaintId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints_attachments");

            migrationBuilder.DropTable(
                name: "complaints_complaints");

            migrationBuilder.DropTable(
                name: "complaints_events");
        }
    }
}
