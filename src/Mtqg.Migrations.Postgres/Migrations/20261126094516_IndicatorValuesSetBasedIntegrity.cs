using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mtqg.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorValuesSetBasedIntegrity : Migration
    {
        /// <summary>
        /// The two foreign keys of IndicatorValues become statement-level checks (decision 0009): a row
        /// trigger per key locked the parent row for every value written, three quarters of a bulk
        /// import's time in the database. Same guarantees: a value naming no unit or indicator is
        /// refused (SQLSTATE 23503, as before), deleting a unit or an indicator deletes its values.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "IndicatorValues" DROP CONSTRAINT "FK_IndicatorValues_AdministrativeUnits_UnitId";
                ALTER TABLE "IndicatorValues" DROP CONSTRAINT "FK_IndicatorValues_Indicators_IndicatorId";

                CREATE FUNCTION mtqg_values_parents_exist() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE missing integer;
                BEGIN
                  SELECT n."UnitId" INTO missing FROM new_rows n
                   WHERE NOT EXISTS (SELECT 1 FROM "AdministrativeUnits" u WHERE u."Id" = n."UnitId") LIMIT 1;
                  IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "%" violates foreign key "FK_IndicatorValues_AdministrativeUnits_UnitId"', TG_TABLE_NAME
                      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("UnitId")=(%s) is not present in table "AdministrativeUnits".', missing),
                            TABLE = TG_TABLE_NAME, CONSTRAINT = 'FK_IndicatorValues_AdministrativeUnits_UnitId';
                  END IF;
                  SELECT n."IndicatorId" INTO missing FROM new_rows n
                   WHERE NOT EXISTS (SELECT 1 FROM "Indicators" i WHERE i."Id" = n."IndicatorId") LIMIT 1;
                  IF FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "%" violates foreign key "FK_IndicatorValues_Indicators_IndicatorId"', TG_TABLE_NAME
                      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("IndicatorId")=(%s) is not present in table "Indicators".', missing),
                            TABLE = TG_TABLE_NAME, CONSTRAINT = 'FK_IndicatorValues_Indicators_IndicatorId';
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "IndicatorValues_parents_exist_insert" AFTER INSERT ON "IndicatorValues"
                  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mtqg_values_parents_exist();
                CREATE TRIGGER "IndicatorValues_parents_exist_update" AFTER UPDATE ON "IndicatorValues"
                  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mtqg_values_parents_exist();

                CREATE FUNCTION mtqg_unit_values_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "IndicatorValues" v USING old_rows o WHERE v."UnitId" = o."Id";
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "AdministrativeUnits_values_cascade" AFTER DELETE ON "AdministrativeUnits"
                  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mtqg_unit_values_cascade();

                CREATE FUNCTION mtqg_indicator_values_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "IndicatorValues" v USING old_rows o WHERE v."IndicatorId" = o."Id";
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "Indicators_values_cascade" AFTER DELETE ON "Indicators"
                  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mtqg_indicator_values_cascade();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Indicators_values_cascade" ON "Indicators";
                DROP TRIGGER "AdministrativeUnits_values_cascade" ON "AdministrativeUnits";
                DROP TRIGGER "IndicatorValues_parents_exist_update" ON "IndicatorValues";
                DROP TRIGGER "IndicatorValues_parents_exist_insert" ON "IndicatorValues";
                DROP FUNCTION mtqg_indicator_values_cascade();
                DROP FUNCTION mtqg_unit_values_cascade();
                DROP FUNCTION mtqg_values_parents_exist();
                ALTER TABLE "IndicatorValues" ADD CONSTRAINT "FK_IndicatorValues_AdministrativeUnits_UnitId"
                  FOREIGN KEY ("UnitId") REFERENCES "AdministrativeUnits" ("Id") ON DELETE CASCADE;
                ALTER TABLE "IndicatorValues" ADD CONSTRAINT "FK_IndicatorValues_Indicators_IndicatorId"
                  FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE;
                """);
        }
    }
}
