/**
 * `npm run reminders:send [-- --dry-run] [-- --today 2023-06-20]`: sends today's reminder
 * digests (safe to run from cron every hour: a reminder is never sent twice). SMTP is
 * configured by SMTP_URL (e.g. smtp://user:pass@smtp.example.no:587) and MAIL_FROM; links use
 * PUBLIC_URL. --dry-run prints what would be sent and writes nothing.
 */
import { parseArgs } from "node:util";
import nodemailer from "nodemailer";
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { todayInOslo } from "../app/domain/format";
import { isValidIsoDate } from "../app/domain/text";
import { sendReminders } from "../app/reminders/reminders.server";
import { type Cli, type CliIo, fail, failedTo, runIfEntry } from "./lib/cli";

async function main(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { "dry-run": { type: "boolean", default: false }, today: { type: "string" } } });
  const today = values.today ?? todayInOslo();
  if (!isValidIsoDate(today)) return fail(io, `--today «${today}» er ikke en gyldig dato (åååå-mm-dd).`);
  const dryRun = values["dry-run"] ?? false;
  const smtpUrl = process.env.SMTP_URL;
  const from = process.env.MAIL_FROM || "Oppdragsoversikt <ikke-svar@localhost>";
  if (!dryRun && !smtpUrl) return fail(io, "SMTP_URL er ikke satt. Sett SMTP_URL (og MAIL_FROM), eller bruk --dry-run.");
  const app = getDatabase();
  await migrateToLatest(app.db);
  const transport = dryRun ? null : nodemailer.createTransport(smtpUrl!);
  const result = await sendReminders(app, {
    today,
    baseUrl: (process.env.PUBLIC_URL || "http://localhost:3000").replace(/\/$/, ""),
    from,
    transport,
    log: (line) => io.log(line),
  });
  io.log(
    dryRun
      ? `Prøvekjøring ${today}: ${result.planned} varsler ville blitt sendt. Ingenting er sendt eller lagret.`
      : `Varsler ${today}: ${result.sent.length} e-poster sendt (${result.sent.reduce((n, s) => n + s.items, 0)} frister), ${result.failed.length} feilet.`,
  );
  transport?.close();
  if (result.failed.length) return fail(io, `${result.failed.length} e-poster kunne ikke sendes; de prøves igjen ved neste kjøring.`);
  return 0;
}

export const cli: Cli = { main, describeError: failedTo("varslingen stoppet") };

runIfEntry(import.meta.url, cli);
