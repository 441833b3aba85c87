using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainEval.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Exams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exams_answers",
                columns: table => new
                {
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    InGrace = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_answers", x => new { x.AttemptId, x.QuestionId });
                });

            migrationBuilder.CreateTable(
                name: "exams_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reply = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RepliedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_attempt_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Device = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_attempt_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SittingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptNo = table.Column<int>(type: "integer", nullable: false),
                    LayoutJson = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    MaxScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExtraSeconds = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastEntryAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EntryOpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmitMode = table.Column<int>(type: "integer", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AutoScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    ResultState = table.Column<int>(type: "integer", nullable: false),
                    ResultNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResultChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SittingId = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RemovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemovedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_papers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BankId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    QuestionIdsJson = table.Column<string>(type: "text", nullable: false),
                    BlueprintJson = table.Column<string>(type: "text", nullable: false),
                    PassScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    ShuffleQuestions = table.Column<bool>(type: "boolean", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_papers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_practical_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ExaminerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_practical_scores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BankId = table.Column<Guid>(type: "uuid", nullable: false),
                    KnowledgePoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Stem = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OptionsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AnswerKey = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Rubric = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Basis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NextStep = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OriginalScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    CorrectedScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exams_sittings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Batch = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsMakeup = table.Column<bool>(type: "boolean", nullable: false),
                    PaperId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    LateEntryMinutes = table.Column<int>(type: "integer", nullable: false),
                    MinSubmitMinutes = table.Column<int>(type: "integer", nullable: false),
                    GraceSeconds = table.Column<int>(type: "integer", nullable: false),
                    RulesText = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AttemptsPreparedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exams_sittings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exams_appeals_AttemptId",
                table: "exams_appeals",
                column: "AttemptId");

            migrationBuilder.CreateIndex(
                name: "IX_exams_attempt_events_AttemptId_AtUtc",
                table: "exams_attempt_events",
                columns: new[] { "AttemptId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_attempts_LearnerId_ProjectId",
                table: "exams_attempts",
                columns: new[] { "LearnerId", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_attempts_SittingId_LearnerId_AttemptNo",
                table: "exams_attempts",
                columns: new[] { "SittingId", "LearnerId", "AttemptNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exams_attempts_State_DeadlineUtc",
                table: "exams_attempts",
                columns: new[] { "State", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_candidates_LearnerId",
                table: "exams_candidates",
                column: "LearnerId");

            migrationBuilder.CreateIndex(
                name: "IX_exams_candidates_SittingId_LearnerId",
                table: "exams_candidates",
                columns: new[] { "SittingId", "LearnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exams_papers_ProjectId",
                table: "exams_papers",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_exams_practical_scores_AttemptId_QuestionId",
                table: "exams_practical_scores",
                columns: new[] { "AttemptId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_questions_BankId_KnowledgePoint",
                table: "exams_questions",
                columns: new[] { "BankId", "KnowledgePoint" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_reviews_AttemptId_AtUtc",
                table: "exams_reviews",
                columns: new[] { "AttemptId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_exams_sittings_EndsAtUtc",
                table: "exams_sittings",
                column: "EndsAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_exams_sittings_ProjectId_Batch",
                table: "exams_sittings",
                columns: new[] { "ProjectId", "Batch" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exams_answers");

            migrationBuilder.DropTable(
                name: "exams_appeals");

            migrationBuilder.DropTable(
                name: "exams_attempt_events");

            migrationBuilder.DropTable(
                name: "exams_attempts");

            migrationBuilder.DropTable(
                name: "exams_candidates");

            migrationBuilder.DropTable(
                name: "exams_papers");

            migrationBuilder.DropTable(
                name: "exams_practical_scores");

            migrationBuilder.DropTable(
                name: "exams_questions");

            migrationBuilder.DropTable(
                name: "exams_reviews");

            migrationBuilder.DropTable(
                name: "exams_sittings");
        }
    }
}
