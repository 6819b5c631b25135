using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Projects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisbursementCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Before = table.Column<long>(type: "bigint", nullable: false),
                    After = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisbursementCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ComponentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    InvestorDepartmentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    InvestorCommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    CommuneCodes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartYear = table.Column<int>(type: "integer", nullable: false),
                    EndYear = table.Column<int>(type: "integer", nullable: false),
                    ApprovedTotal = table.Column<long>(type: "bigint", nullable: false),
                    ApprovedSources = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: true),
                    Poor = table.Column<int>(type: "integer", nullable: true),
                    NearPoor = table.Column<int>(type: "integer", nullable: true),
                    EthnicMinority = table.Column<int>(type: "integer", nullable: true),
                    EscapedPoverty = table.Column<int>(type: "integer", nullable: true),
                    Criteria = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectAllocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectAllocations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectDisbursements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cumulative = table.Column<long>(type: "bigint", nullable: false),
                    Increment = table.Column<long>(type: "bigint", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectDisbursements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectDisbursements_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisbursementCorrections_ProjectId_Year",
                table: "DisbursementCorrections",
                columns: new[] { "ProjectId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectAllocations_ProjectId_Year_Source",
                table: "ProjectAllocations",
                columns: new[] { "ProjectId", "Year", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectAllocations_Year",
                table: "ProjectAllocations",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectDisbursements_ProjectId_Year_Source_Month",
                table: "ProjectDisbursements",
                columns: new[] { "ProjectId", "Year", "Source", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectDisbursements_Year",
                table: "ProjectDisbursements",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_InvestorCommuneCode",
                table: "Projects",
                column: "InvestorCommuneCode");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ProvinceCode_ProgrammeCode",
                table: "Projects",
                columns: new[] { "ProvinceCode", "ProgrammeCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisbursementCorrections");

            migrationBuilder.DropTable(
                name: "ProjectAllocations");

            migrationBuilder.DropTable(
                name: "ProjectDisbursements");

            migrationBuilder.DropTable(
                name: "Projects");
        }
    }
}
