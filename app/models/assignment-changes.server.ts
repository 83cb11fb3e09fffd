/**
 * THE writer of `assignment_changes` (append-only): every field an import, a later letter or an
 * admin correction changes on an assignment, with the letter and import it came from.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/db/schema";

export interface NewAssignmentChange {
  assignmentId: number;
  importId: number | null;
  letterId: number | null;
  /** Norwegian field name as shown in the history: "tittel", "frister", "avdelinger", "presisering" … */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  actor: string;
  createdAt: string;
}

export async function recordAssignmentChange(on: Kysely<Database> | Transaction<Database>, c: NewAssignmentChange): Promise<void> {
  await on
    .insertInto("assignment_changes")
    .values({
      assignment_id: c.assignmentId,
      import_id: c.importId,
      letter_id: c.letterId,
      field: c.field,
      old_value: c.oldValue,
      new_value: c.newValue,
      actor: c.actor,
      created_at: c.createdAt,
    })
    .execute();
}
