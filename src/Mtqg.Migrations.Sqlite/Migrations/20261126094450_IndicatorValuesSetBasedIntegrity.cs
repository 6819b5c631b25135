using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorValuesSetBasedIntegrity : Migration
    {
        /// <summary>
        /// Nothing on SQLite: its foreign key checks are a cheap index lookup per row and stay. On
        /// PostgreSQL the same migration turns IndicatorValues' two foreign keys into statement-level
        /// checks (decision 0009); the model is unchanged.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
