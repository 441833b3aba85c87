using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnrollmentPaymentsActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CurrentVersionId",
                table: "enrollment_projects",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enrollment_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    PromotionInstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ActiveKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    RealName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Gender = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Education = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LearnerConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RulesReadAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConditionsConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PersonalDataConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclaredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclarationIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeclarationDevice = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResubmitDeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResubmitItems = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MaterialKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    OriginalName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_materials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_project_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNo = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Audience = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MinAge = table.Column<int>(type: "integer", nullable: true),
                    MaxAge = table.Column<int>(type: "integer", nullable: true),
                    EducationRequirement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ExperienceRequirement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    HealthRequirement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OtherConditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LearningRequirements = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CompletionRule = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ExamRules = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MakeupRules = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CertificateRules = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CourseForm = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RefundRules = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RefundPercentAfterActivation = table.Column<int>(type: "integer", nullable: false),
                    LearningValidityDays = table.Column<int>(type: "integer", nullable: false),
                    ReplayValidityDays = table.Column<int>(type: "integer", nullable: false),
                    ReviewTimeLimitHours = table.Column<int>(type: "integer", nullable: false),
                    ComplaintChannel = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EnrollmentOpensAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnrollmentClosesAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_project_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_review_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ResubmitItems = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ResubmitDeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReconsidersDecisionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Overdue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_review_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_activations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LearningValidUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplayValidUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CloseReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_notification_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NotificationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OrderNo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Serial = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_notification_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    CodeUrl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TransactionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    RefundedFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_transactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TransactionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    SucceededAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Duplicate = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_transactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "violations_bans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tier = table.Column<int>(type: "integer", nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ViolationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LiftedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_violations_bans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_project_fees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Payee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RefundRule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_project_fees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrollment_project_fees_enrollment_project_versions_Project~",
                        column: x => x.ProjectVersionId,
                        principalTable: "enrollment_project_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_required_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AcceptedFormats = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MaxSizeKb = table.Column<int>(type: "integer", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_required_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrollment_required_materials_enrollment_project_versions_P~",
                        column: x => x.ProjectVersionId,
                        principalTable: "enrollment_project_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_order_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    FeeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Payee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_order_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_order_lines_payments_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "payments_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_applications_ActiveKey",
                table: "enrollment_applications",
                column: "ActiveKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_applications_LearnerId_ProjectId",
                table: "enrollment_applications",
                columns: new[] { "LearnerId", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_applications_TrainingInstitutionId_Status",
                table: "enrollment_applications",
                columns: new[] { "TrainingInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_materials_EnrollmentId",
                table: "enrollment_materials",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_project_fees_ProjectVersionId_Order",
                table: "enrollment_project_fees",
                columns: new[] { "ProjectVersionId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_project_versions_ProjectId_VersionNo",
                table: "enrollment_project_versions",
                columns: new[] { "ProjectId", "VersionNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_required_materials_ProjectVersionId_Key",
                table: "enrollment_required_materials",
                columns: new[] { "ProjectVersionId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrollment_review_decisions_EnrollmentId",
                table: "enrollment_review_decisions",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_activations_EnrollmentId",
                table: "learning_activations",
                column: "EnrollmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_activations_LearnerId_ProjectId",
                table: "learning_activations",
                columns: new[] { "LearnerId", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_notification_log_OrderNo",
                table: "payments_notification_log",
                column: "OrderNo");

            migrationBuilder.CreateIndex(
                name: "IX_payments_order_lines_OrderId",
                table: "payments_order_lines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_orders_EnrollmentId",
                table: "payments_orders",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_orders_OrderNo",
                table: "payments_orders",
                column: "OrderNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_orders_Status_CreatedAtUtc",
                table: "payments_orders",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_OrderId",
                table: "payments_transactions",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_transactions_TransactionId",
                table: "payments_transactions",
                column: "TransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_violations_bans_LearnerId_EndsAtUtc",
                table: "violations_bans",
                columns: new[] { "LearnerId", "EndsAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrollment_applications");

            migrationBuilder.DropTable(
                name: "enrollment_materials");

            migrationBuilder.DropTable(
                name: "enrollment_project_fees");

            migrationBuilder.DropTable(
                name: "enrollment_required_materials");

            migrationBuilder.DropTable(
                name: "enrollment_review_decisions");

            migrationBuilder.DropTable(
                name: "learning_activations");

            migrationBuilder.DropTable(
                name: "payments_notification_log");

            migrationBuilder.DropTable(
                name: "payments_order_lines");

            migrationBuilder.DropTable(
                name: "payments_transactions");

            migrationBuilder.DropTable(
                name: "violations_bans");

            migrationBuilder.DropTable(
                name: "enrollment_project_versions");

            migrationBuilder.DropTable(
                name: "payments_orders");

            migrationBuilder.DropColumn(
                name: "CurrentVersionId",
                table: "enrollment_projects");
        }
    }
}
