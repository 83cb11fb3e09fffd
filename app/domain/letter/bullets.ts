/**
 * The bullet characters a letter's lists begin with, after normalisation (normalise.ts turns the
 * symbol-font glyphs of PDF text, "\uF0B7" and the like, into "•"): one class for every reader of
 * list items, titles and deadlines, so that a line is a bullet to all of them or to none.
 */
export const BULLET_CLASS = "[•–▪·*\\-]";

/** A line that starts with a bullet and a space: "• Text", "- Text", "▪ Text". */
export const RE_BULLET_START = new RegExp(`^${BULLET_CLASS}\\s`, "u");
