using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LearningEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LoginSessionId",
                table: "accounts_users",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "learning_activation_extensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreviousUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NewUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activation_extensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_anomalies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rule = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    WindowFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WindowToUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_anomalies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_anomaly_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AnomalyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    VoidedMs = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_anomaly_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DailyCapMinutes = table.Column<int>(type: "integer", nullable: false),
                    InteractionIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    IdentityChecksPerVideo = table.Column<int>(type: "integer", nullable: false),
                    RequiredMinutes = table.Column<int>(type: "integer", nullable: false),
                    RequireAllUnits = table.Column<bool>(type: "boolean", nullable: false),
                    PracticeMinAnswered = table.Column<int>(type: "integer", nullable: false),
                    PracticeMinAccuracyPercent = table.Column<int>(type: "integer", nullable: false),
                    RequireSelfTestsPassed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlayerSessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_identity_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlayerSessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtPosition = table.Column<double>(type: "double precision", nullable: false),
                    ScheduledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_identity_checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_ledger_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlayerSessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    FromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BeijingDay = table.Column<DateOnly>(type: "date", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Credited = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_ledger_states",
                columns: table => new
                {
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    StateJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_ledger_states", x => x.LearnerId);
                });

            migrationBuilder.CreateTable(
                name: "learning_live_attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_live_attendance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    KnowledgePoint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Given = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Correct = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QuestionIdsJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    QuestionCount = table.Column<int>(type: "integer", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredCount = table.Column<int>(type: "integer", nullable: false),
                    CorrectCount = table.Column<int>(type: "integer", nullable: false),
                    ScorePercent = table.Column<int>(type: "integer", nullable: false),
                    PassPercent = table.Column<int>(type: "integer", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    KnowledgePoint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Stem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OptionsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AnswerKey = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_sections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KnowledgePoints = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginSessionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastHeartbeatUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreditedMs = table.Column<long>(type: "bigint", nullable: false),
                    RecordedMs = table.Column<long>(type: "bigint", nullable: false),
                    FurthestPosition = table.Column<double>(type: "double precision", nullable: false),
                    Heartbeats = table.Column<int>(type: "integer", nullable: false),
                    Refusals = table.Column<int>(type: "integer", nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsReplay = table.Column<bool>(type: "boolean", nullable: false),
                    EndReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_unit_completions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    How = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_unit_completions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_unit_prerequisites",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequiresUnitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_unit_prerequisites", x => new { x.UnitId, x.RequiresUnitId });
                });

            migrationBuilder.CreateTable(
                name: "learning_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KnowledgePoint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: false),
                    FileKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileSize = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    LiveStartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LiveJoinUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SelfTestQuestionCount = table.Column<int>(type: "integer", nullable: false),
                    SelfTestPassPercent = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_units", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_activation_extensions_ActivationId",
                table: "learning_activation_extensions",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_anomalies_LearnerId_CourseId_Rule_WindowFromUtc",
                table: "learning_anomalies",
                columns: new[] { "LearnerId", "CourseId", "Rule", "WindowFromUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_anomalies_TrainingInstitutionId_Status",
                table: "learning_anomalies",
                columns: new[] { "TrainingInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_anomaly_decisions_AnomalyId",
                table: "learning_anomaly_decisions",
                column: "AnomalyId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_courses_ProjectId",
                table: "learning_courses",
                column: "ProjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_events_CourseId_AtUtc",
                table: "learning_events",
                columns: new[] { "CourseId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_events_LearnerId_AtUtc",
                table: "learning_events",
                columns: new[] { "LearnerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_identity_checks_LearnerId_UnitId",
                table: "learning_identity_checks",
                columns: new[] { "LearnerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_identity_checks_PlayerSessionId",
                table: "learning_identity_checks",
                column: "PlayerSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_ledger_entries_CourseId_FromUtc",
                table: "learning_ledger_entries",
                columns: new[] { "CourseId", "FromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_ledger_entries_LearnerId_BeijingDay",
                table: "learning_ledger_entries",
                columns: new[] { "LearnerId", "BeijingDay" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_ledger_entries_PlayerSessionId",
                table: "learning_ledger_entries",
                column: "PlayerSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_live_attendance_UnitId_LearnerId",
                table: "learning_live_attendance",
                columns: new[] { "UnitId", "LearnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_practice_answers_AttemptId_QuestionId",
                table: "learning_practice_answers",
                columns: new[] { "AttemptId", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_practice_answers_LearnerId_QuestionId_AnsweredAtUtc",
                table: "learning_practice_answers",
                columns: new[] { "LearnerId", "QuestionId", "AnsweredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_practice_attempts_LearnerId_CourseId_StartedAtUtc",
                table: "learning_practice_attempts",
                columns: new[] { "LearnerId", "CourseId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_practice_questions_CourseId_KnowledgePoint",
                table: "learning_practice_questions",
                columns: new[] { "CourseId", "KnowledgePoint" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_sections_CourseId_Order",
                table: "learning_sections",
                columns: new[] { "CourseId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_sessions_CourseId_StartedAtUtc",
                table: "learning_sessions",
                columns: new[] { "CourseId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_sessions_LearnerId_StartedAtUtc",
                table: "learning_sessions",
                columns: new[] { "LearnerId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_unit_completions_CourseId_CompletedAtUtc",
                table: "learning_unit_completions",
                columns: new[] { "CourseId", "CompletedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_unit_completions_LearnerId_UnitId",
                table: "learning_unit_completions",
                columns: new[] { "LearnerId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_units_CourseId_SectionId_Order",
                table: "learning_units",
                columns: new[] { "CourseId", "SectionId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_activation_extensions");

            migrationBuilder.DropTable(
                name: "learning_anomalies");

            migrationBuilder.DropTable(
                name: "learning_anomaly_decisions");

            migrationBuilder.DropTable(
                name: "learning_courses");

            migrationBuilder.DropTable(
                name: "learning_events");

            migrationBuilder.DropTable(
                name: "learning_identity_checks");

            migrationBuilder.DropTable(
                name: "learning_ledger_entries");

            migrationBuilder.DropTable(
                name: "learning_ledger_states");

            migrationBuilder.DropTable(
                name: "learning_live_attendance");

            migrationBuilder.DropTable(
                name: "learning_practice_answers");

            migrationBuilder.DropTable(
                name: "learning_practice_attempts");

            migrationBuilder.DropTable(
                name: "learning_practice_questions");

            migrationBuilder.DropTable(
                name: "learning_sections");

            migrationBuilder.DropTable(
                name: "learning_sessions");

            migrationBuilder.DropTable(
                name: "learning_unit_completions");

            migrationBuilder.DropTable(
                name: "learning_unit_prerequisites");

            migrationBuilder.DropTable(
                name: "learning_units");

            migrationBuilder.DropColumn(
                name: "LoginSessionId",
                table: "accounts_users");
        }
    }
}
