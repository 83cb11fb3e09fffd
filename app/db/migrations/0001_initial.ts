import { sql, type Kysely } from "kysely";

/* Migrations take Kysely<any>: they must not depend on the current schema types. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("letters")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("letter_key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('main', 'supplementary')`))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("date", "text")
    .addColumn("reference", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addColumn("source_name", "text")
    .addColumn("start_line", "integer", (c) => c.notNull())
    .addColumn("end_line", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("imports")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("file_hash", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("warnings", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("goal_areas")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addUniqueConstraint("goal_areas_year_code", ["year", "code"])
    .execute();

  await db.schema
    .createTable("goals")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("area_code", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addUniqueConstraint("goals_year_code", ["year", "code"])
    .execute();

  await db.schema
    .createTable("departments")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text")
    .execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("has_id", "integer", (c) => c.notNull().check(sql`has_id in (0, 1)`))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("letter_id", "integer", (c) => c.notNull().references("letters.id"))
    .addColumn("area_code", "text")
    .addColumn("goal_code", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("source_line", "integer", (c) => c.notNull())
    .addColumn("source_end_line", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assignments_year_area").on("assignments").columns(["year", "area_code"]).execute();
  await db.schema.createIndex("assignments_letter").on("assignments").column("letter_id").execute();

  await db.schema
    .createTable("assignment_departments")
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("department_code", "text", (c) => c.notNull().references("departments.code"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("assignment_departments_pk", ["assignment_id", "department_code"])
    .execute();
  await db.schema
    .createIndex("assignment_departments_code")
    .on("assignment_departments")
    .column("department_code")
    .execute();

  await db.schema
    .createTable("deadlines")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("date", "text")
    .addColumn("precision", "text", (c) => c.check(sql`precision in ('day', 'month', 'year')`))
    .addColumn("phrase", "text", (c) => c.notNull())
    .addColumn("is_default", "integer", (c) => c.notNull().check(sql`is_default in (0, 1)`))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('dated', 'to_be_agreed', 'on_hold')`))
    .addColumn("source_line", "integer")
    .addCheckConstraint("deadlines_dated_has_date", sql`state <> 'dated' or date is not null`)
    .execute();
  await db.schema.createIndex("deadlines_assignment").on("deadlines").column("assignment_id").execute();
  await db.schema.createIndex("deadlines_date").on("deadlines").column("date").execute();

  await db.schema
    .createTable("relations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('replaces', 'clarifies', 'postpones')`))
    .addColumn("target_key", "text", (c) => c.notNull())
    .addColumn("letter_id", "integer", (c) => c.references("letters.id"))
    .addColumn("source_line", "integer")
    .addUniqueConstraint("relations_unique", ["assignment_id", "type", "target_key"])
    .execute();
  await db.schema.createIndex("relations_target").on("relations").column("target_key").execute();

  await db.schema
    .createTable("status_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('ikke_startet', 'i_rute', 'forsinket', 'fullfort', 'utsatt', 'avsluttet')`),
    )
    .addColumn("comment", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("letter_id", "integer", (c) => c.references("letters.id"))
    .addColumn("effective_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("status_events_version", ["assignment_id", "version"])
    .execute();
  await db.schema
    .createIndex("status_events_assignment_effective")
    .on("status_events")
    .columns(["assignment_id", "effective_at"])
    .execute();

  // History is append-only: the database itself refuses to rewrite or delete it.
  await sql`create trigger status_events_no_update before update on status_events
    begin select raise(abort, 'status_events is append-only'); end`.execute(db);
  await sql`create trigger status_events_no_delete before delete on status_events
    begin select raise(abort, 'status_events is append-only'); end`.execute(db);

  await db.schema
    .createTable("assignment_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id"))
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .addColumn("letter_id", "integer", (c) => c.references("letters.id"))
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("old_value", "text")
    .addColumn("new_value", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assignment_changes_assignment")
    .on("assignment_changes")
    .column("assignment_id")
    .execute();
  await sql`create trigger assignment_changes_no_update before update on assignment_changes
    begin select raise(abort, 'assignment_changes is append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "assignment_changes",
    "status_events",
    "relations",
    "deadlines",
    "assignment_departments",
    "assignments",
    "departments",
    "goals",
    "goal_areas",
    "imports",
    "letters",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
