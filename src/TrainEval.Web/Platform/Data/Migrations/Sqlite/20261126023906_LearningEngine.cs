using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "learning_activation_extensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PreviousUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NewUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_activation_extensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_anomalies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    WindowFromUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowToUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_anomalies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_anomaly_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnomalyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    VoidedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_anomaly_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrainingInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DailyCapMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    InteractionIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    IdentityChecksPerVideo = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RequireAllUnits = table.Column<bool>(type: "INTEGER", nullable: false),
                    PracticeMinAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    PracticeMinAccuracyPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RequireSelfTestsPassed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlayerSessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_identity_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlayerSessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtPosition = table.Column<double>(type: "REAL", nullable: false),
                    ScheduledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_identity_checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_ledger_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlayerSessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    FromUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BeijingDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Credited = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_ledger_states",
                columns: table => new
                {
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StateJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_ledger_states", x => x.LearnerId);
                });

            migrationBuilder.CreateTable(
                name: "learning_live_attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_live_attendance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KnowledgePoint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Given = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Correct = table.Column<bool>(type: "INTEGER", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionIdsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    QuestionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrectCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    PassPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_practice_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KnowledgePoint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Stem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AnswerKey = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_practice_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_sections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KnowledgePoints = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginSessionId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastHeartbeatUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreditedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FurthestPosition = table.Column<double>(type: "REAL", nullable: false),
                    Heartbeats = table.Column<int>(type: "INTEGER", nullable: false),
                    Refusals = table.Column<int>(type: "INTEGER", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsReplay = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_unit_completions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    How = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_unit_completions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_unit_prerequisites",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequiresUnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_unit_prerequisites", x => new { x.UnitId, x.RequiresUnitId });
                });

            migrationBuilder.CreateTable(
                name: "learning_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KnowledgePoint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: false),
                    FileKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileSize = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    LiveStartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LiveJoinUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SelfTestQuestionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfTestPassPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
