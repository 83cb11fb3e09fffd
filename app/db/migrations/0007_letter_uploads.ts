import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Uploaded letters wait here for the admin's preview: confirmed, or cancelled with nothing written. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("letter_uploads")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('txt', 'pdf', 'docx', 'tekst')`))
    .addColumn("text", "text", (c) => c.notNull())
    /** JSON: corrections made in the preview, e.g. { "departments": { "TTB2023-08": ["FHA"] } }. */
    .addColumn("overrides", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('venter', 'importert', 'avbrutt')`))
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("letter_uploads").ifExists().execute();
}
