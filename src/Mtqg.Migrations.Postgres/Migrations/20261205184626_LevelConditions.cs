using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LevelConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Pilot",
                table: "CriteriaLevels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ThresholdsOf",
                table: "CriteriaLevels",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CriteriaLevelConditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CriteriaLevelId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Judged = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HeldLevel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriteriaLevelConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriteriaLevelConditions_CriteriaLevels_CriteriaLevelId",
                        column: x => x.CriteriaLevelId,
                        principalTable: "CriteriaLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DossierConditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Judged = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HeldLevel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Document = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Met = table.Column<bool>(type: "boolean", nullable: true),
                    JudgeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    JudgedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    JudgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierConditions_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CriteriaLevelConditions_CriteriaLevelId_Code",
                table: "CriteriaLevelConditions",
                columns: new[] { "CriteriaLevelId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DossierConditions_DossierId_Code",
                table: "DossierConditions",
                columns: new[] { "DossierId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CriteriaLevelConditions");

            migrationBuilder.DropTable(
                name: "DossierConditions");

            migrationBuilder.DropColumn(
                name: "Pilot",
                table: "CriteriaLevels");

            migrationBuilder.DropColumn(
                name: "ThresholdsOf",
                table: "CriteriaLevels");
        }
    }
}
