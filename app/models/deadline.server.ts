/**
 * Deadlines as people need them: the set relevant to a user or a department (for calendar
 * feeds and reminders), agreeing dates for deadlines the letter left open, and calendar tokens.
 */
import { sql, type Kysely } from "kysely";
import type { StatusCode } from "~/domain/status";
import { actorDisplayName, audit, type Actor } from "./audit.server";
import { deliveredOnSql, latestStatusSql } from "./assignment.server";
import type { Database } from "../db/schema";
import type { DeadlineState } from "~/domain/letter/types";
import { isAgreeable } from "~/domain/deadline-agreement.server";

export interface FeedDeadline {
  deadlineId: number;
  assignmentId: number;
  key: string;
  /** The agency's slug and name (keys are unique per agency). */
  agency: string;
  agencyName: string;
  hasId: boolean;
  title: string;
  label: string | null;
  phrase: string;
  date: string | null;
  state: DeadlineState;
  agreedDate: string | null;
  agreedReference: string | null;
  status: StatusCode;
  departments: string[];
  delivered: boolean;
  replacedBy: string | null;
  /** Grows with every change that matters to a calendar: letter moves, agreements, status, deliveries. */
  sequence: number;
  lastModified: string;
}

/**
 * Whose deadlines; `agencyId` narrows to one agency, `agencies` to several (absent or null:
 * every agency).
 */
export type Audience = ({ kind: "department"; code: string } | { kind: "user"; userId: number; departments: string[] }) & {
  agencyId?: number | null;
  agencies?: readonly number[] | null;
};

/**
 * Every deadline of the audience's assignments (all years), with what a calendar or reminder
 * needs. A user's assignments are those of their departments and those they have worked on
 * (status, delivery or report text).
 */
export async function deadlinesFor(db: Kysely<Database>, audience: Audience): Promise<FeedDeadline[]> {
  const scope =
    audience.kind === "department"
      ? sql`a.id in (select ad.assignment_id from assignment_departments ad where ad.department_code = ${audience.code})`
      : sql`(a.id in (select ad.assignment_id from assignment_departments ad where ad.department_code in (${sql.join(
          audience.departments.length ? audience.departments : ["\u0000"],
        )}))
          or a.id in (select se.assignment_id from status_events se where se.user_id = ${audience.userId})
          or a.id in (select de.assignment_id from deadline_events de where de.user_id = ${audience.userId})
          or a.id in (select rt.assignment_id from report_texts rt where rt.user_id = ${audience.userId}))`;
  const result = await sql<{
    deadline_id: number;
    assignment_id: number;
    key: string;
    agency: string;
    agency_name: string;
    has_id: number;
    title: string;
    label: string | null;
    phrase: string;
    date: string | null;
    state: DeadlineState;
    agreed_date: string | null;
    agreed_reference: string | null;
    revision: number;
    modified_at: string | null;
    created_at: string;
    status: StatusCode | null;
    status_count: number;
    status_at: string | null;
    delivery_count: number;
    delivery_at: string | null;
    delivered_on: string | null;
    agreement_count: number;
    agreed_at: string | null;
    replaced_by: string | null;
    departments: string | null;
  }>`
    select d.id as deadline_id, a.id as assignment_id, a.key, ag.slug as agency, ag.name as agency_name, a.has_id, a.title, d.label, d.phrase, d.date, d.state,
      d.agreed_date, d.agreed_reference, d.revision, d.modified_at, a.created_at,
      ${latestStatusSql()} as status,
      (select count(*) from status_events se where se.assignment_id = a.id) as status_count,
      (select max(se.created_at) from status_events se where se.assignment_id = a.id) as status_at,
      (select count(*) from deadline_events de where de.deadline_id = d.id) as delivery_count,
      (select max(de.created_at) from deadline_events de where de.deadline_id = d.id) as delivery_at,
      ${deliveredOnSql()} as delivered_on,
      (select count(*) from deadline_agreements ag where ag.deadline_id = d.id) as agreement_count,
      d.agreed_at,
      (select s.key from relations r join assignments s on s.id = r.assignment_id
        where r.target_key = a.key and r.type = 'replaces' and s.agency_id = a.agency_id limit 1) as replaced_by,
      (select group_concat(ad.department_code, '/') from assignment_departments ad where ad.assignment_id = a.id) as departments
    from effective_deadlines d
    join assignments a on a.id = d.assignment_id
    join agencies ag on ag.id = a.agency_id
    where ${scope} ${audience.agencyId != null ? sql`and a.agency_id = ${audience.agencyId}` : sql``}
      ${audience.agencies ? sql`and a.agency_id in (${sql.join(audience.agencies.length ? [...audience.agencies] : [-1])})` : sql``}
    order by d.date, a.sort_key, d.position
  `.execute(db);
  return result.rows.map((r) => {
    const times = [r.modified_at, r.status_at, r.delivery_at, r.agreed_at, r.created_at].filter((t): t is string => !!t).sort();
    return {
      deadlineId: r.deadline_id,
      assignmentId: r.assignment_id,
      key: r.key,
      agency: r.agency,
      agencyName: r.agency_name,
      hasId: r.has_id === 1,
      title: r.title,
      label: r.label,
      phrase: r.phrase,
      date: r.date,
      state: r.state,
      agreedDate: r.agreed_date,
      agreedReference: r.agreed_reference,
      status: r.status ?? "ikke_startet",
      departments: r.departments ? r.departments.split("/") : [],
      delivered: !!r.delivered_on,
      replacedBy: r.replaced_by,
      sequence: r.revision + r.status_count + r.delivery_count + r.agreement_count,
      lastModified: times.at(-1) ?? r.created_at,
    };
  });
}

/**
 * Open deadlines (to be agreed, on hold) waiting for a department, or for all when `departments`
 * is null; of one agency, or of every agency when `agencyId` is null.
 */
export async function deadlinesToAgree(db: Kysely<Database>, departments: readonly string[] | null, agencyId: number | null = null) {
  return db
    .selectFrom("effective_deadlines as d")
    .innerJoin("assignments as a", "a.id", "d.assignment_id")
    .innerJoin("agencies as ag", "ag.id", "a.agency_id")
    .select([
      "ag.slug as agency",
      "ag.name as agency_name",
      "d.id",
      "d.label",
      "d.phrase",
      "d.state",
      "a.key",
      "a.title",
      "a.has_id",
      "a.year",
      sql<string>`(select group_concat(ad.department_code, '/') from assignment_departments ad where ad.assignment_id = a.id)`.as(
        "departments",
      ),
    ])
    .where("d.state", "<>", "dated")
    // Nothing to agree for an assignment that is done or closed (#18 item 9).
    .where(sql<boolean>`coalesce(${latestStatusSql(null)}, 'ikke_startet') not in ('fullfort', 'avsluttet')`)
    .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
    .$if(departments !== null, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("assignment_departments as ad")
            .select("ad.assignment_id")
            .whereRef("ad.assignment_id", "=", "a.id")
            .where("ad.department_code", "in", departments!.length ? departments! : ["\u0000"]),
        ),
      ),
    )
    .orderBy("a.year", "desc")
    .orderBy("ag.name")
    .orderBy("a.sort_key")
    .orderBy("d.position")
    .execute();
}

export async function deadlineOwners(db: Kysely<Database>, deadlineId: number) {
  const row = await db
    .selectFrom("deadlines as d")
    .innerJoin("assignments as a", "a.id", "d.assignment_id")
    .select(["d.id", "a.id as assignment_id", "a.key", "d.label", "d.state"])
    .where("d.id", "=", deadlineId)
    .executeTakeFirst();
  if (!row) return null;
  const owners = await db
    .selectFrom("assignment_departments")
    .select("department_code")
    .where("assignment_id", "=", row.assignment_id)
    .execute();
  return { ...row, owners: owners.map((o) => o.department_code) };
}

export async function agreeDeadline(
  db: Kysely<Database>,
  deadline: { id: number; key: string; label: string | null },
  agreedDate: string,
  reference: string,
  actor: Actor,
  now = new Date(),
): Promise<"saved" | "fixed" | "missing"> {
  return db.transaction().execute(async (trx) => {
    // The letter's own state decides, read in the same transaction as the write.
    const row = await trx.selectFrom("deadlines").select("state").where("id", "=", deadline.id).executeTakeFirst();
    if (!row) return "missing";
    if (!isAgreeable(row.state)) return "fixed";
    await trx
      .insertInto("deadline_agreements")
      .values({
        deadline_id: deadline.id,
        agreed_date: agreedDate,
        reference,
        user_id: actor.userId,
        actor_name: actorDisplayName(actor),
        created_at: now.toISOString(),
      })
      .execute();
    await audit(trx, actor, "frist:avtalt", `oppdrag:${deadline.key}`, { deadline: deadline.label, agreedDate, reference }, now);
    return "saved";
  });
}
