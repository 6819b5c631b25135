using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Client = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    SetCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UnitId_Year",
                table: "AuditEntries",
                columns: new[] { "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName",
                table: "AuditEntries",
                column: "UserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");
        }
    }
}
