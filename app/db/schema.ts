/**
 * Kysely table types. Keep in step with the migrations in ./migrations.
 * Dates are ISO strings: calendar dates as yyyy-MM-dd, instants as UTC ISO timestamps.
 */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { DeadlinePrecision, DeadlineState, LetterKind } from "~/domain/letter/types";
import type { RelationKind } from "~/domain/relations";
import type { ReminderKind } from "~/domain/reminders";
import type { Role } from "~/domain/roles";
import type { StatusCode } from "~/domain/status";
import type { StoredPartKind } from "~/domain/parts";

/** An agency (virksomhet) letters are addressed to. Data, not a fixed list (migration 0014). */
export interface AgenciesTable {
  id: Generated<number>;
  /** As the letters write it: "Helsedirektoratet", "Norsk helsenett SF". Unique, case-insensitively. */
  name: string;
  /** Short form for tables and filters ("Hdir", "FHI"); null when none is known. */
  short_name: string | null;
  /** URL form (`?virksomhet=helsedirektoratet`): a–z, 0–9 and hyphens. */
  slug: string;
  created_at: string;
}

export interface UserAgenciesTable {
  user_id: number;
  agency_id: number;
}

export interface LettersTable {
  id: Generated<number>;
  /** The recipient agency; letter_key is unique per agency. */
  agency_id: number;
  /** Identity across re-imports: kind|year|reference|date (or title when no reference). */
  letter_key: string;
  kind: LetterKind;
  year: number;
  date: string | null;
  reference: string | null;
  title: string;
  /** SHA-256 of the letter's own text section. */
  source_hash: string;
  source_name: string | null;
  start_line: number;
  end_line: number;
  created_at: string;
  updated_at: string;
}

export interface ImportsTable {
  id: Generated<number>;
  source_name: string;
  /** SHA-256 of the whole source text. */
  file_hash: string;
  actor: string;
  created_at: string;
  /** JSON summary of what changed. */
  summary: string;
  /** JSON array of parser warnings. */
  warnings: string;
}

export interface GoalAreasTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  code: string;
  name: string;
  sort_order: number;
}

export interface GoalsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** "Mål 1" */
  code: string;
  number: number;
  area_code: string | null;
  title: string;
}

export interface DepartmentsTable {
  code: string;
  name: string | null;
}

export interface AssignmentsTable {
  id: Generated<number>;
  /** The assignment ID as written ("TB2023-05") or a synthetic key for assignments without one. */
  key: string;
  has_id: number;
  year: number;
  /** The agency of the letter that created it; (agency_id, year, key) is unique. */
  agency_id: number;
  letter_id: number;
  area_code: string | null;
  goal_code: string | null;
  title: string;
  body: string;
  source_line: number;
  source_end_line: number;
  /** The order it is listed in (`assignmentSortKey`: natural ID order, then letter order). */
  sort_key: ColumnType<string, string | undefined, string>;
  /** Number of status events; the optimistic-locking version. */
  version: ColumnType<number, number | undefined, number>;
  /** Hash of the letter-derived content, to detect changes on re-import. */
  content_hash: string;
  created_at: string;
  updated_at: string;
  /** 1 when the letter exempts the text from public access ("unntatt offentlighet"). */
  exempt: ColumnType<number, number | undefined, number>;
  /** 1 while only the ID (and maybe a title) is known: "Ettersendes", "se eget vedlegg". */
  announced_only: ColumnType<number, number | undefined, number>;
  /** 1 when the assignment is known only from a later letter (`letter_id`) that added to it or
   *  clarified it, e.g. TB2025-115 in a 2026 letter: its own letter is not in the database. */
  known_only_from_letter: ColumnType<number, number | undefined, number>;
  /** JSON array of original fields ("tittel", "tekst", "område", "avdelinger", "frist") whose value no
   *  longer comes from the original letter (admin correction, or a later letter's explicit change):
   *  a re-import of the original leaves them alone. */
  locked_fields: ColumnType<string, string | undefined, string>;
}

export interface AssignmentPartsTable {
  id: Generated<number>;
  assignment_id: number;
  letter_id: number;
  kind: StoredPartKind;
  /** Order of this letter's parts of one kind on the assignment (0, 1, …): with the letter and
   *  kind, the part's identity across re-imports. */
  seq: number;
  /** The block's own ID when it differs from the assignment it adds to (TTB2023-04 → TB2023-18). */
  source_key: string | null;
  title: string | null;
  body: ColumnType<string, string | undefined, string>;
  /** JSON array of department codes the part states ("Ansvarlig avdeling i HOD: SHA"), or null. */
  departments: string | null;
  source_line: number | null;
  source_end_line: number | null;
  content_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AssignmentDepartmentsTable {
  assignment_id: number;
  department_code: string;
  position: number;
}

export interface DeadlinesTable {
  id: Generated<number>;
  assignment_id: number;
  /** Order within the assignment. */
  position: number;
  /** Deliverable label ("Delleveranse 1"); null for the assignment's own deadline. */
  label: string | null;
  date: string | null;
  precision: DeadlinePrecision | null;
  phrase: string;
  is_default: number;
  state: DeadlineState;
  source_line: number | null;
  /** Bumped whenever the letter moves the deadline (calendar SEQUENCE). */
  revision: ColumnType<number, number | undefined, number>;
  modified_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The later letter's part this deadline belongs to (a deliverable it added); null for the original's. */
  part_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set when a later letter moved this deadline explicitly; a re-import of the original keeps it. */
  moved_by_part_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** View: a deadline with an agreed date applied. */
export interface EffectiveDeadlinesView {
  id: number;
  assignment_id: number;
  position: number;
  label: string | null;
  phrase: string;
  is_default: number;
  source_line: number | null;
  revision: number;
  modified_at: string | null;
  part_id: number | null;
  letter_state: DeadlineState;
  date: string | null;
  precision: DeadlinePrecision | null;
  state: DeadlineState;
  agreed_date: string | null;
  agreed_reference: string | null;
  agreed_by: string | null;
  agreed_at: string | null;
}

export interface DeadlineAgreementsTable {
  id: Generated<number>;
  deadline_id: number;
  agreed_date: string;
  reference: string;
  user_id: number | null;
  actor_name: string;
  created_at: string;
}

export interface CalendarTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}


export interface ReminderLogTable {
  id: Generated<number>;
  deadline_id: number;
  recipient: string;
  kind: ReminderKind;
  deadline_date: string;
  sent_at: string;
}

export interface ReminderOptOutsTable {
  user_id: number;
  kind: ReminderKind;
}

export interface RelationsTable {
  id: Generated<number>;
  assignment_id: number;
  type: RelationKind;
  /** Target assignment key; may be unknown to the database (earlier years). */
  target_key: string;
  letter_id: number | null;
  source_line: number | null;
}

export interface StatusEventsTable {
  id: Generated<number>;
  assignment_id: number;
  /** 1, 2, 3 … per assignment. */
  version: number;
  status: StatusCode;
  comment: string | null;
  /** Who made the change: a user reference, or "brev:<letter id>" / "system". */
  actor: string;
  actor_name: string;
  /** Letter the event comes from (postponements), null for user changes. */
  letter_id: number | null;
  /** When the change takes effect (as-of queries use this). */
  effective_at: string;
  /** When it was written. */
  created_at: string;
  /** The signed-in user who made the change; null for events from letters. */
  user_id: ColumnType<number | null, number | null | undefined, never>;
}

export interface AssignmentChangesTable {
  id: Generated<number>;
  assignment_id: number;
  import_id: number | null;
  letter_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor: string;
  created_at: string;
}


export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  /** scrypt$logN$r$p$salt$hash (see app/auth/password.server.ts). */
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  /** 1 when an administrator set the password: the user must choose a new one. */
  must_change_password: ColumnType<number, number | undefined, number>;
}

export interface UserDepartmentsTable {
  user_id: number;
  department_code: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  success: number;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  created_at: string;
  user_id: number | null;
  /** Display name of who did it: a user's name and e-mail, "cli", "system". */
  actor: string;
  action: string;
  target: string | null;
  /** JSON with what changed (never passwords). */
  details: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface DeadlineEventsTable {
  id: Generated<number>;
  deadline_id: number;
  assignment_id: number;
  delivered_on: string | null;
  user_id: number | null;
  actor_name: string;
  created_at: string;
}

export interface ReportTextsTable {
  id: Generated<number>;
  assignment_id: number;
  text: string;
  user_id: number | null;
  actor_name: string;
  /** The report date (yyyy-MM-dd) the text is written for. */
  report_date: string;
  created_at: string;
}

export interface AreaAssessmentsTable {
  id: Generated<number>;
  /** The agency whose area it is (areas are per agency). */
  agency_id: number | null;
  year: number;
  area_code: string;
  text: string;
  user_id: number | null;
  actor_name: string;
  report_date: string;
  created_at: string;
}

export interface LetterUploadsTable {
  id: Generated<number>;
  user_id: number;
  source_name: string;
  kind: "txt" | "pdf" | "docx" | "tekst";
  text: string;
  overrides: ColumnType<string, string | undefined, string>;
  /** JSON of the ParseResult, made once at upload; null for uploads from before migration 0011. */
  parsed: ColumnType<string | null, string | null | undefined, string | null>;
  status: "venter" | "importert" | "avbrutt";
  import_id: number | null;
  created_at: string;
  decided_at: string | null;
}

export interface Database {
  agencies: AgenciesTable;
  user_agencies: UserAgenciesTable;
  letters: LettersTable;
  imports: ImportsTable;
  goal_areas: GoalAreasTable;
  goals: GoalsTable;
  departments: DepartmentsTable;
  assignments: AssignmentsTable;
  assignment_departments: AssignmentDepartmentsTable;
  assignment_parts: AssignmentPartsTable;
  deadlines: DeadlinesTable;
  relations: RelationsTable;
  status_events: StatusEventsTable;
  assignment_changes: AssignmentChangesTable;
  users: UsersTable;
  user_departments: UserDepartmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  deadline_events: DeadlineEventsTable;
  report_texts: ReportTextsTable;
  area_assessments: AreaAssessmentsTable;
  effective_deadlines: EffectiveDeadlinesView;
  deadline_agreements: DeadlineAgreementsTable;
  calendar_tokens: CalendarTokensTable;
  reminder_log: ReminderLogTable;
  reminder_opt_outs: ReminderOptOutsTable;
  letter_uploads: LetterUploadsTable;
  saved_filters: SavedFiltersTable;
}

/** A user's named view of the assignment list (migration 0013). */
export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The list's URL query, e.g. "?aar=2023&avdeling=FHA&forfalt=1". */
  query: string;
  created_at: string;
}

export type Assignment = Selectable<AssignmentsTable>;
export type NewAssignment = Insertable<AssignmentsTable>;
export type Deadline = Selectable<DeadlinesTable>;
export type StatusEvent = Selectable<StatusEventsTable>;
export type Letter = Selectable<LettersTable>;
export type User = Selectable<UsersTable>;
export type Agency = Selectable<AgenciesTable>;
