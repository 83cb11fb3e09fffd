import type { Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A password set by an administrator is temporary: the user must choose a new one. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("must_change_password").execute();
}
