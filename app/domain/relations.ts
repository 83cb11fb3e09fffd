/** Relation types between assignments and how they read in Norwegian, both ways. Pure. */
export type RelationKind = "replaces" | "clarifies" | "postpones" | "continues";

export const RELATION_LABELS: Record<RelationKind, { outgoing: string; incoming: string }> = {
  replaces: { outgoing: "Erstatter", incoming: "Erstattet av" },
  clarifies: { outgoing: "Presiserer", incoming: "Presisert av" },
  postpones: { outgoing: "Utsetter", incoming: "Utsatt av" },
  continues: { outgoing: "Videreført fra", incoming: "Videreført som" },
};
