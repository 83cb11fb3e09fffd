import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

const TOKENIZE = sql.raw(`tokenize = 'unicode61 remove_diacritics 0'`);

/**
 * Status comments get a search index of their own, one entry per event (decision 100). Before,
 * each status event appended its comment to the assignment's row of `assignment_fts`, and FTS5
 * rewrites a row whole: every update re-tokenised the assignment's text and all its earlier
 * comments, so a write cost more the longer the history. `status_comment_fts` is an FTS5 index
 * over `status_events.comment` (external content: the text stays in status_events, which is
 * append-only), kept by an insert trigger; `assignment_fts` keeps key, title and body.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists assignment_fts_comment`.execute(db);
  await sql`drop trigger if exists assignment_fts_update`.execute(db);
  await sql`drop trigger if exists assignment_fts_insert`.execute(db);
  await sql`drop table if exists assignment_fts`.execute(db);
  await sql`create virtual table assignment_fts using fts5(key, title, body, ${TOKENIZE})`.execute(db);
  await sql`insert into assignment_fts(rowid, key, title, body) select id, key, title, body from assignments`.execute(db);
  await sql`create trigger assignment_fts_insert after insert on assignments begin
    insert into assignment_fts(rowid, key, title, body) values (new.id, new.key, new.title, new.body);
  end`.execute(db);
  await sql`create trigger assignment_fts_update after update of key, title, body on assignments begin
    update assignment_fts set key = new.key, title = new.title, body = new.body where rowid = new.id;
  end`.execute(db);

  await sql`create virtual table status_comment_fts using fts5(
    comment, content = 'status_events', content_rowid = 'id', ${TOKENIZE}
  )`.execute(db);
  await sql`insert into status_comment_fts(status_comment_fts) values ('rebuild')`.execute(db);
  // Every event, also one without a comment (it adds no terms): FTS5's integrity check expects an
  // entry for every row of its content table.
  await sql`create trigger status_comment_fts_insert after insert on status_events begin
    insert into status_comment_fts(rowid, comment) values (new.id, new.comment);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists status_comment_fts_insert`.execute(db);
  await sql`drop table if exists status_comment_fts`.execute(db);
  await sql`drop trigger if exists assignment_fts_update`.execute(db);
  await sql`drop trigger if exists assignment_fts_insert`.execute(db);
  await sql`drop table if exists assignment_fts`.execute(db);
  await sql`create virtual table assignment_fts using fts5(key, title, body, comments, ${TOKENIZE})`.execute(db);
  await sql`insert into assignment_fts(rowid, key, title, body, comments)
    select a.id, a.key, a.title, a.body,
      coalesce((select group_concat(c.comment, ' ') from
        (select e.comment from status_events e where e.assignment_id = a.id and e.comment is not null order by e.version) c), '')
    from assignments a`.execute(db);
  await sql`create trigger assignment_fts_insert after insert on assignments begin
    insert into assignment_fts(rowid, key, title, body, comments) values (new.id, new.key, new.title, new.body, '');
  end`.execute(db);
  await sql`create trigger assignment_fts_update after update of key, title, body on assignments begin
    update assignment_fts set key = new.key, title = new.title, body = new.body where rowid = new.id;
  end`.execute(db);
  await sql`create trigger assignment_fts_comment after insert on status_events when new.comment is not null begin
    update assignment_fts set comments = comments || ' ' || new.comment where rowid = new.assignment_id;
  end`.execute(db);
}
