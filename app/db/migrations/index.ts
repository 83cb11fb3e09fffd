import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_users_sessions_audit";
import * as m0003 from "./0003_tracking";
import * as m0004 from "./0004_password_change";
import * as m0005 from "./0005_report_texts";
import * as m0006 from "./0006_calendar_reminders";
import * as m0007 from "./0007_letter_uploads";
import * as m0009 from "./0009_status_events_latest";
import * as m0010 from "./0010_carry_over";
import * as m0011 from "./0011_assignment_parts";
import * as m0013 from "./0013_saved_filters";
import * as m0014 from "./0014_agencies";
import * as m0015 from "./0015_known_only_index";
import * as m0016 from "./0016_assignment_sort_key";
import * as m0017 from "./0017_comment_search_per_event";

/**
 * All migrations, in order. Static imports (rather than a folder scan) so the same list works
 * in the Remix server bundle, in tsx scripts and in tests. Never edit a migration that has
 * shipped: add a new one.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_users_sessions_audit": m0002,
  "0003_tracking": m0003,
  "0004_password_change": m0004,
  "0005_report_texts": m0005,
  "0006_calendar_reminders": m0006,
  "0007_letter_uploads": m0007,
  "0009_status_events_latest": m0009,
  "0010_carry_over": m0010,
  "0011_assignment_parts": m0011,
  "0013_saved_filters": m0013,
  "0014_agencies": m0014,
  "0015_known_only_index": m0015,
  "0016_assignment_sort_key": m0016,
  "0017_comment_search_per_event": m0017,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
