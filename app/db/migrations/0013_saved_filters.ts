import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Saved filters: a user's named views of the assignment list (the list's URL query). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table saved_filters (
    id integer primary key autoincrement,
    user_id integer not null references users(id) on delete cascade,
    name text not null check (length(name) between 1 and 80),
    query text not null check (length(query) <= 2000),
    created_at text not null,
    constraint saved_filters_unique unique (user_id, name)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists saved_filters`.execute(db);
}
