using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProvinceSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetailsCode",
                table: "CriteriaSets",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvinceCode",
                table: "CriteriaSets",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "CriteriaSets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "CriteriaSets",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "CriteriaSets",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CriteriaSets_ProvinceCode_Status",
                table: "CriteriaSets",
                columns: new[] { "ProvinceCode", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CriteriaSets_ProvinceCode_Status",
                table: "CriteriaSets");

            migrationBuilder.DropColumn(
                name: "DetailsCode",
                table: "CriteriaSets");

            migrationBuilder.DropColumn(
                name: "ProvinceCode",
                table: "CriteriaSets");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "CriteriaSets");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "CriteriaSets");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "CriteriaSets");
        }
    }
}
