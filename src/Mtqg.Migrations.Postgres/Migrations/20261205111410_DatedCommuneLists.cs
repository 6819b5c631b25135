using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DatedCommuneLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AsOf",
                table: "CommuneLists",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AsOf",
                table: "CommuneLists");
        }
    }
}
