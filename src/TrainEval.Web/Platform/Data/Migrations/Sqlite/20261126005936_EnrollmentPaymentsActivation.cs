using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enrollment_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    PromotionInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    RealName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Education = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LearnerConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RulesReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConditionsConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PersonalDataConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclaredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclarationIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeclarationDevice = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResubmitDeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResubmitItems = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaterialKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_materials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_project_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MinAge = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxAge = table.Column<int>(type: "INTEGER", nullable: true),
                    EducationRequirement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExperienceRequirement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HealthRequirement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OtherConditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LearningRequirements = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CompletionRule = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExamRules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MakeupRules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CertificateRules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CourseForm = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RefundRules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RefundPercentAfterActivation = table.Column<int>(type: "INTEGER", nullable: false),
                    LearningValidityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplayValidityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewTimeLimitHours = table.Column<int>(type: "INTEGER", nullable: false),
                    ComplaintChannel = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EnrollmentOpensAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EnrollmentClosesAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_project_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_review_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ResubmitItems = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ResubmitDeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReconsidersDecisionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Overdue = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_review_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_activations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LearningValidUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplayValidUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_notification_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_notification_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    CodeUrl = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaidFen = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_transactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    SucceededAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicate = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_transactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "violations_bans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ViolationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LiftedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_violations_bans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_project_fees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Payee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RefundRule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Mandatory = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_project_fees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrollment_project_fees_enrollment_project_versions_ProjectVersionId",
                        column: x => x.ProjectVersionId,
                        principalTable: "enrollment_project_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_required_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AcceptedFormats = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MaxSizeKb = table.Column<int>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrollment_required_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrollment_required_materials_enrollment_project_versions_ProjectVersionId",
                        column: x => x.ProjectVersionId,
                        principalTable: "enrollment_project_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_order_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Payee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
