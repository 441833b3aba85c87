using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificates_certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VerificationCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdTypeName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdNumberCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Occupation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    LevelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Result = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ResultDetail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    InstitutionName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    LiveKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedById = table.Column<Guid>(type: "uuid", nullable: true),
                    IssuedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Corrections = table.Column<int>(type: "integer", nullable: false),
                    CorrectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PrintedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Delivery = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DeliveredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RevokedByViolationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplacesId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplacedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplacedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReplacedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NewValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReplacementId = table.Column<Guid>(type: "uuid", nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_corrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_cursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PositionUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_cursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "certificates_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TrackingNo = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificates_serials",
                columns: table => new
                {
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates_serials", x => new { x.InstitutionId, x.Year });
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_certificates_EvaluationInstitutionId_IssuedAtU~",
                table: "certificates_certificates",
                columns: new[] { "EvaluationInstitutionId", "IssuedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_certificates_LearnerId_ProjectId",
                table: "certificates_certificates",
                columns: new[] { "LearnerId", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_certificates_LiveKey",
                table: "certificates_certificates",
                column: "LiveKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_certificates_Number",
                table: "certificates_certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_certificates_VerificationCode",
                table: "certificates_certificates",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_corrections_CertificateId",
                table: "certificates_corrections",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_events_CertificateId",
                table: "certificates_events",
                column: "CertificateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates_certificates");

            migrationBuilder.DropTable(
                name: "certificates_corrections");

            migrationBuilder.DropTable(
                name: "certificates_cursors");

            migrationBuilder.DropTable(
                name: "certificates_events");

            migrationBuilder.DropTable(
                name: "certificates_serials");
        }
    }
}
