/**
 * What changed after a date (`/endringer` and its Excel download): status events, deliveries and
 * changes from letters, each with when it took effect and when it was written (#18 item 3).
 *   status     effective: status_events.effective_at (a letter's date for postponements)
 *   leveranse  effective: the delivery date (an undone delivery: when it was undone)
 *   import     effective: the letter's date (an undated letter: 1 January of its year; a change
 *              made by hand: when it was written)
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { ChangeFilter, ChangeKind } from "~/domain/change-filter";
import { endOfDayInOslo } from "~/domain/format";
import type { StatusCode } from "~/domain/status";
import type { Database } from "~/db/schema";

export interface ChangeRow {
  kind: ChangeKind;
  key: string;
  /** The agency's slug and name (keys are unique per agency). */
  agency: string;
  agencyName: string;
  hasId: boolean;
  title: string;
  /** When the change took effect: an instant, or a calendar date (deliveries, letters). */
  effective: string;
  /** When it was written (an instant). */
  written: string;
  who: string;
  status: StatusCode | null;
  comment: string | null;
  label: string | null;
  deliveredOn: string | null;
  field: string | null;
}

function changesCte(): RawBuilder<unknown> {
  return sql`changes as (
    select 'status' as kind, e.assignment_id, e.effective_at as effective, e.created_at as written, e.actor_name as who,
      e.status, e.comment, null as label, null as delivered_on, null as field
    from status_events e
    union all
    select 'leveranse', de.assignment_id, coalesce(de.delivered_on, de.created_at), de.created_at, de.actor_name,
      null, null, d.label, de.delivered_on, null
    from deadline_events de join deadlines d on d.id = de.deadline_id
    union all
    -- A letter without a date (the main letter) counts from 1 January of its assignment's year.
    select 'import', c.assignment_id,
      case when c.letter_id is null then c.created_at
        else coalesce(l.date, (select a2.year || '-01-01' from assignments a2 where a2.id = c.assignment_id)) end,
      c.created_at, c.actor,
      null, null, null, null, c.field
    from assignment_changes c left join letters l on l.id = c.letter_id
  )`;
}

function conditions(f: ChangeFilter): RawBuilder<unknown> {
  // "After 31 August" means after the end of 31 August in Norway. A bare date (a delivery or a
  // letter) compares correctly with that instant as text: "2023-08-31" < "2023-08-31T21:59…".
  const after = endOfDayInOslo(f.since);
  const where: RawBuilder<unknown>[] = [f.basis === "registrert" ? sql`ch.written > ${after}` : sql`ch.effective > ${after}`];
  if (f.year) where.push(sql`a.year = ${f.year}`);
  if (f.area) where.push(sql`a.area_code = ${f.area}`);
  if (f.kind) where.push(sql`ch.kind = ${f.kind}`);
  if (f.agency) where.push(sql`ag.slug = ${f.agency}`);
  if (f.department) {
    where.push(sql`exists (select 1 from assignment_departments ad where ad.assignment_id = a.id and ad.department_code = ${f.department})`);
  }
  return sql.join(where, sql` and `);
}

/** One page of changes, newest first by the filter's basis, and how many there are in all. */
export async function queryChanges(
  db: Kysely<Database>,
  f: ChangeFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: ChangeRow[] }> {
  const order = f.basis === "registrert" ? sql`ch.written desc, ch.effective desc` : sql`ch.effective desc, ch.written desc`;
  const [count, result] = await Promise.all([
    sql<{ n: number }>`with ${changesCte()} select count(*) as n from changes ch join assignments a on a.id = ch.assignment_id
      join agencies ag on ag.id = a.agency_id
      where ${conditions(f)}`.execute(db),
    sql<{
      kind: ChangeKind;
      key: string;
      agency: string;
      agency_name: string;
      has_id: number;
      title: string;
      effective: string;
      written: string;
      who: string;
      status: StatusCode | null;
      comment: string | null;
      label: string | null;
      delivered_on: string | null;
      field: string | null;
    }>`with ${changesCte()}
      select ch.kind, a.key, ag.slug as agency, ag.name as agency_name, a.has_id, a.title, ch.effective, ch.written, ch.who, ch.status,
        ch.comment, ch.label, ch.delivered_on, ch.field
      from changes ch join assignments a on a.id = ch.assignment_id
      join agencies ag on ag.id = a.agency_id
      where ${conditions(f)}
      order by ${order}, a.sort_key
      limit ${page.limit} offset ${page.offset}`.execute(db),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    rows: result.rows.map((r) => ({
      kind: r.kind,
      key: r.key,
      agency: r.agency,
      agencyName: r.agency_name,
      hasId: r.has_id === 1,
      title: r.title,
      effective: r.effective,
      written: r.written,
      who: r.who,
      status: r.status,
      comment: r.comment,
      label: r.label,
      deliveredOn: r.delivered_on,
      field: r.field,
    })),
  };
}
