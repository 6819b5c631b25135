using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnitTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BasedOnTitleIds",
                table: "CommuneTitles",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "CommuneTitles",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Origin",
                table: "CommuneTitles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "CommuneTitles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Hand-written (decision 0021): titles recorded before this migration belong to the commune their code named on
            // 31 December of their year (as a decision on a dossier records them); those without a dossier are baseline titles.
            migrationBuilder.Sql(
                """
                UPDATE "CommuneTitles" AS t SET
                    "Origin" = CASE WHEN t."DossierId" IS NULL THEN 2 ELSE 1 END,
                    "UnitId" = (SELECT u."Id" FROM "AdministrativeUnits" u
                                WHERE u."Code" = t."CommuneCode" AND u."Level" = 3
                                  AND (u."ValidFrom" IS NULL OR u."ValidFrom" <= make_date(t."Year", 12, 31))
                                  AND (u."ValidTo" IS NULL OR u."ValidTo" >= make_date(t."Year", 12, 31))
                                ORDER BY u."Id" LIMIT 1)
                """
            );

            migrationBuilder.CreateIndex(
                name: "IX_CommuneTitles_UnitId_LevelCode",
                table: "CommuneTitles",
                columns: new[] { "UnitId", "LevelCode" });

            migrationBuilder.AddForeignKey(
                name: "FK_CommuneTitles_AdministrativeUnits_UnitId",
                table: "CommuneTitles",
                column: "UnitId",
                principalTable: "AdministrativeUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CommuneTitles_AdministrativeUnits_UnitId",
                table: "CommuneTitles");

            migrationBuilder.DropIndex(
                name: "IX_CommuneTitles_UnitId_LevelCode",
                table: "CommuneTitles");

            migrationBuilder.DropColumn(
                name: "BasedOnTitleIds",
                table: "CommuneTitles");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "CommuneTitles");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "CommuneTitles");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "CommuneTitles");
        }
    }
}
