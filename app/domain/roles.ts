/** The four roles of the app; the database stores these codes (users.role). Pure. */
export const ROLES = ["admin", "saksbehandler", "departement", "leser"] as const;

export type Role = (typeof ROLES)[number];
