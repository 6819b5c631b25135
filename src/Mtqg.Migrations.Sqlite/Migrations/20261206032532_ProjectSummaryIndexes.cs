using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProjectSummaryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProjectDisbursements_Year",
                table: "ProjectDisbursements");

            migrationBuilder.DropIndex(
                name: "IX_ProjectAllocations_Year",
                table: "ProjectAllocations");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectDisbursements_Year_ProjectId_Source_Month_Increment",
                table: "ProjectDisbursements",
                columns: new[] { "Year", "ProjectId", "Source", "Month", "Increment" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectAllocations_Year_ProjectId_Source_Amount",
                table: "ProjectAllocations",
                columns: new[] { "Year", "ProjectId", "Source", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProjectDisbursements_Year_ProjectId_Source_Month_Increment",
                table: "ProjectDisbursements");

            migrationBuilder.DropIndex(
                name: "IX_ProjectAllocations_Year_ProjectId_Source_Amount",
                table: "ProjectAllocations");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectDisbursements_Year",
                table: "ProjectDisbursements",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectAllocations_Year",
                table: "ProjectAllocations",
                column: "Year");
        }
    }
}
