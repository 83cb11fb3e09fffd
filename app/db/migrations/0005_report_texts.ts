import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Report texts per assignment and the overall assessment (Samlet vurdering) per area, each written
 * for one report date (e.g. 2023-12-31 for the annual report, written in January): append-only,
 * the latest row for an assignment and report date is the one in force.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_texts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("report_date", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_texts_assignment").on("report_texts").columns(["assignment_id", "report_date", "id"]).execute();

  await db.schema
    .createTable("area_assessments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("area_code", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("report_date", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("area_assessments_area").on("area_assessments").columns(["year", "area_code", "report_date", "id"]).execute();

  for (const table of ["report_texts", "area_assessments"]) {
    await sql.raw(`create trigger ${table}_no_update before update on ${table}
      begin select raise(abort, '${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table}
      begin select raise(abort, '${table} is append-only'); end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("area_assessments").ifExists().execute();
  await db.schema.dropTable("report_texts").ifExists().execute();
}
