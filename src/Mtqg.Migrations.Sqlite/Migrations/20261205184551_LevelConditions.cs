using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ThresholdsOf",
                table: "CriteriaLevels",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CriteriaLevelConditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CriteriaLevelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Judged = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeldLevel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Judged = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeldLevel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Document = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Met = table.Column<bool>(type: "INTEGER", nullable: true),
                    JudgeNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    JudgedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    JudgedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
