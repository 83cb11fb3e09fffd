/**
 * Search snippets (SQLite FTS5 `snippet()`) for the assignments shown on one page of the list.
 * The matched words are marked with U+0001/U+0002 (app/domain/snippet.ts), never with HTML.
 */
import { sql, type Kysely } from "kysely";
import { toFtsTerms } from "~/domain/assignment-filter";
import { HIT_END, HIT_START } from "~/domain/snippet";
import type { Database } from "~/db/schema";

/**
 * Where the query matched each of `ids` (internal assignment ids): about a dozen words around a
 * hit in the letter's text, else in the latest status comment with one. A match in the ID or
 * title only gives none (the row shows those already).
 */
export async function searchSnippets(db: Kysely<Database>, query: string, ids: readonly number[]): Promise<Map<number, string>> {
  const terms = toFtsTerms(query);
  if (!terms || ids.length === 0) return new Map();
  // Any of the words: an assignment matches the whole query across its text and its comments.
  const anyTerm = terms.join(" OR ");
  // assignment_fts columns: 0 key, 1 title, 2 body (migration 0017).
  const bodies = await sql<{ id: number; snippet: string | null }>`
    select rowid as id, snippet(assignment_fts, 2, ${HIT_START}, ${HIT_END}, '…', 14) as snippet
    from assignment_fts where assignment_fts match ${anyTerm} and rowid in (${sql.join(ids)})
  `.execute(db);
  const out = new Map<number, string>();
  for (const r of bodies.rows) if (r.snippet?.includes(HIT_START)) out.set(r.id, r.snippet);
  const rest = ids.filter((id) => !out.has(id));
  if (rest.length === 0) return out;
  // The index is read only over the rowids of these assignments' events (FTS5 seeks to a rowid range).
  const range = await sql<{ lo: number | null; hi: number | null }>`
    select min(id) as lo, max(id) as hi from status_events where assignment_id in (${sql.join(rest)})
  `.execute(db);
  const { lo, hi } = range.rows[0] ?? { lo: null, hi: null };
  if (lo === null || hi === null) return out;
  const comments = await sql<{ id: number; snippet: string | null }>`
    select e.assignment_id as id, snippet(status_comment_fts, 0, ${HIT_START}, ${HIT_END}, '…', 14) as snippet
    from status_comment_fts c join status_events e on e.id = c.rowid
    where status_comment_fts match ${anyTerm} and c.rowid between ${lo} and ${hi} and e.assignment_id in (${sql.join(rest)})
    order by e.id desc
  `.execute(db);
  for (const r of comments.rows) if (!out.has(r.id) && r.snippet?.includes(HIT_START)) out.set(r.id, r.snippet);
  return out;
}
