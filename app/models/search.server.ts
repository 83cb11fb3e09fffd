/**
 * Search snippets (SQLite FTS5 `snippet()`) for the assignments shown on one page of the list.
 * The matched words are marked with U+0001/U+0002 (app/domain/snippet.ts), never with HTML.
 */
import { sql, type Kysely } from "kysely";
import { toFtsQuery } from "~/domain/assignment-filter";
import { HIT_END, HIT_START } from "~/domain/snippet";
import type { Database } from "~/db/schema";

/**
 * Where the query matched each of `ids` (internal assignment ids) in the letter's text or the
 * comments: about a dozen words around the hit. A match in the ID or title only gives none (the
 * row shows those already).
 */
export async function searchSnippets(db: Kysely<Database>, query: string, ids: readonly number[]): Promise<Map<number, string>> {
  const fts = toFtsQuery(query);
  if (!fts || ids.length === 0) return new Map();
  // Columns: 0 key, 1 title, 2 body, 3 comments (migration 0003).
  const result = await sql<{ id: number; body: string | null; comments: string | null }>`
    select rowid as id,
      snippet(assignment_fts, 2, ${HIT_START}, ${HIT_END}, '…', 14) as body,
      snippet(assignment_fts, 3, ${HIT_START}, ${HIT_END}, '…', 14) as comments
    from assignment_fts where assignment_fts match ${fts} and rowid in (${sql.join(ids)})
  `.execute(db);
  const out = new Map<number, string>();
  for (const r of result.rows) {
    const hit = [r.body, r.comments].find((s) => s?.includes(HIT_START));
    if (hit) out.set(r.id, hit);
  }
  return out;
}
