/** PDF text: every line ends in a space, as the extraction leaves it. */
export const asPdf = (text: string) => text.replace(/\n/g, " \n");

/** The same letter as Word text (a paragraph per line) and as PDF text. */
export const shapes = (text: string) => [["Word", text], ["PDF", asPdf(text)]] as const;
