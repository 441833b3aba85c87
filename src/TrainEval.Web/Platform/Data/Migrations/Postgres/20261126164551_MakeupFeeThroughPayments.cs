using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MakeupFeeThroughPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RecordedBy",
                table: "payments_transactions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Purpose",
                table: "payments_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ReferenceId",
                table: "payments_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FeeConfirmedBy",
                table: "exams_makeup_applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeOrderNo",
                table: "exams_makeup_applications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "FeePaidAtUtc",
                table: "exams_makeup_applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeeSettlement",
                table: "exams_makeup_applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_payments_orders_Purpose_ReferenceId",
                table: "payments_orders",
                columns: new[] { "Purpose", "ReferenceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_orders_Purpose_ReferenceId",
                table: "payments_orders");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "payments_transactions");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "payments_orders");

            migrationBuilder.DropColumn(
                name: "ReferenceId",
                table: "payments_orders");

            migrationBuilder.DropColumn(
                name: "FeeConfirmedBy",
                table: "exams_makeup_applications");

            migrationBuilder.DropColumn(
                name: "FeeOrderNo",
                table: "exams_makeup_applications");

            migrationBuilder.DropColumn(
                name: "FeePaidAtUtc",
                table: "exams_makeup_applications");

            migrationBuilder.DropColumn(
                name: "FeeSettlement",
                table: "exams_makeup_applications");
        }
    }
}
