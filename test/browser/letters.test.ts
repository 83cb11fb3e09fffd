/**
 * Bringing letters in without a terminal: upload as text and as a PDF made here, preview,
 * cancel (nothing written), confirm (all written), re-upload (no changes), an edited version
 * (exactly the edit), and bad uploads refused with a message.
 */
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, launchBrowser, signedInPage } from "../helpers/browser";
import { readLetter2023, tempDir } from "../helpers/db";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";
import { makePdf } from "../helpers/pdf";

let server: RunningServer;
let browser: Browser;
let page: Page;
const dir = tempDir("oppdrag-upload-");
const count = async (table: "assignments" | "letter_uploads" | "status_events" | "letters") =>
  Number((await getDatabase().db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

/** A PDF with a page but no text, like a scan. */
async function emptyPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
}

async function upload(file: string) {
  await page.goto(`${server.url}/admin/brev`);
  await page.setInputFiles("#fil", file);
  await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
}

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  browser = await launchBrowser();
  const admin = await makeUser(getDatabase().db, "admin", { name: "Ada Admin" });
  page = await signedInPage(browser, server.url, admin.id, { timeout: 15_000 });
  fs.writeFileSync(path.join(dir, "tildelingsbrev-2023.txt"), readLetter2023());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("uploading a letter", () => {
  it("previews the text upload, writes nothing on cancel, everything on confirm", async () => {
    await page.goto(`${server.url}/admin/brev`);
    expect(await axeViolations(page)).toEqual([]);
    await upload(path.join(dir, "tildelingsbrev-2023.txt"));
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    const created = Number((await page.locator("#nye").textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(created).toBeGreaterThanOrEqual(96);
    expect(await page.locator("#advarsler").textContent()).toMatch(/Advarsler \(\d+\)/);
    expect(await page.locator("#relasjoner ~ ul").textContent()).toContain("TTB2023-04 presiserer TB2023-18");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Avbryt" }).click();
    await page.getByText("Importen er avbrutt. Ingenting er lagret.").waitFor();
    expect(await count("assignments")).toBe(0);
    expect(await count("letters")).toBe(0);

    // Again, choose the department the text left out for TTB2023-08, and confirm.
    await upload(path.join(dir, "tildelingsbrev-2023.txt"));
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    await page.selectOption("#avd-TTB2023-08", "FHA");
    await page.getByRole("form", { name: /TTB2023-08/ }).getByRole("button", { name: "Lagre valg" }).click();
    await page.waitForURL(/#uten-avdeling$/);
    expect(await page.inputValue("#avd-TTB2023-08")).toBe("FHA");
    await page.getByRole("button", { name: "Bekreft og importer" }).click();
    await page.getByText("Brevet er importert.").waitFor();
    expect(await count("assignments")).toBe(created);
    const owners = await getDatabase().db
      .selectFrom("assignment_departments as ad")
      .innerJoin("assignments as a", "a.id", "ad.assignment_id")
      .select("ad.department_code")
      .where("a.key", "=", "TTB2023-08")
      .execute();
    expect(owners.map((o) => o.department_code)).toEqual(["FHA"]);
    // The supplementary letters acted: TB2023-31 postponed by a letter, TB2023-18's clarification recorded on it.
    const postponed = await getDatabase().db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select(["e.status", "e.letter_id"])
      .where("a.key", "=", "TB2023-31")
      .executeTakeFirstOrThrow();
    expect(postponed.status).toBe("utsatt");
    expect(postponed.letter_id).not.toBeNull();
    await page.goto(`${server.url}/oppdrag/TB2023-18`);
    expect(await page.locator("main").textContent()).toContain("Endret presisering");
  });

  it("shows no changes when the same letter comes again, and exactly the edit for an edited one", async () => {
    await upload(path.join(dir, "tildelingsbrev-2023.txt"));
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    await page.getByText("Ingen endringer: databasen har allerede alt innholdet i dette brevet.").waitFor();
    expect(await page.locator("#nye").textContent()).toContain("(0)");
    expect(await page.locator("#endrede").textContent()).toContain("(0)");
    await page.getByRole("button", { name: "Avbryt" }).click();

    const edited = path.join(dir, "tildelingsbrev-2023-rettet.txt");
    fs.writeFileSync(edited, readLetter2023().replace("Ulovlig handel tobakk", "Ulovlig handel med tobakk"));
    await upload(edited);
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    expect(await page.locator("#endrede").textContent()).toContain("Endrede oppdrag (1)");
    const card = page.locator("#endrede ~ .card");
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain("TB2023-05");
    expect(await card.locator("del").textContent()).toBe("Ulovlig handel tobakk");
    expect(await card.locator("ins").textContent()).toBe("Ulovlig handel med tobakk");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Bekreft og importer" }).click();
    await page.getByText("Brevet er importert.").waitFor();
    const title = await getDatabase().db.selectFrom("assignments").select("title").where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    expect(title.title).toBe("Ulovlig handel med tobakk");
  });

  it("reads a PDF made from the letter", async () => {
    const pdf = path.join(dir, "tildelingsbrev-2023.pdf");
    fs.writeFileSync(pdf, await makePdf(readLetter2023()));
    await upload(pdf);
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    const n = (id: string) => Number(text.match(new RegExp(`${id} \\((\\d+)\\)`))?.[1] ?? -1);
    // Everything is already in the database: the PDF's assignments are found as unchanged or changed (layout), none lost.
    expect(n("Nye oppdrag")).toBe(0);
    expect(text).toMatch(/Brev i filen \([1-9]/);
    await page.getByRole("button", { name: "Avbryt" }).click();
    await page.getByText("Importen er avbrutt").waitFor();
  });

  it("reads a letter converted to Markdown (.md): the agency, its assignments and the plain text", async () => {
    const md = path.join(dir, "oppdragsdokument-2026.md");
    fs.copyFileSync(path.resolve(__dirname, "../fixtures/letters/forms/nhn-2026-oppdragsdokument-markdown.md"), md);
    await upload(md);
    await page.waitForURL(/\/admin\/brev\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Forhåndsvisning/ }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(/Nye oppdrag \(3\)/);
    expect(text).toContain("Sikkerhetsarbeidet i kommunesektoren");
    expect(text).toContain("Norsk helsenett SF");
    expect(text).not.toMatch(/\*\*|DOK-0107/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Avbryt" }).click();
    await page.getByText("Importen er avbrutt").waitFor();
  });

  it("refuses bad uploads with a Norwegian message and writes nothing", async () => {
    const before = await count("letter_uploads");
    const cases: Array<[string, Buffer | string, RegExp]> = [
      ["tom.txt", "", /Velg en fil|tom/],
      ["bilde.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), /binære data/],
      ["bilde.png", Buffer.from("not really a png"), /Filtypen støttes ikke/],
      ["skannet.pdf", await emptyPdf(), /ingen tekst/],
      ["ingen-oppdrag.txt", "Dette er et vanlig brev uten oppdrag.\nMed hilsen\nDepartementet\n", /Fant ingen oppdrag/],
      ["stor.txt", Buffer.alloc(11 * 1024 * 1024, 0x61), /for stor/],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      await upload(file);
      await page.locator("#fil-feil").waitFor();
      expect(await page.locator("#fil-feil").textContent(), name).toMatch(message);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(await count("letter_uploads")).toBe(before);
  });
});

describe("assignments by hand and carrying over", () => {
  it("creates an assignment with the form, shows errors, and carries one over, with no axe violations", async () => {
    await page.goto(`${server.url}/admin/oppdrag/ny`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Opprett oppdrag" }).click();
    await page.getByText("Skriv en tittel.").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.fill("#felt-title", "Innspill til beredskapsmeldingen");
    await page.fill("#felt-source", "E-post fra SHA 12.03.2023");
    await page.getByRole("button", { name: "Opprett oppdrag" }).click();
    await page.getByText("Oppdraget er opprettet.").waitFor();
    expect(await page.locator("h1").textContent()).toContain("Innspill til beredskapsmeldingen");

    await page.goto(`${server.url}/admin/videreforing`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/^TB2023-01 /).check();
    await page.getByRole("button", { name: "Viderefør valgte" }).click();
    await page.getByText("Videreført: TB2023-01/2023").or(page.getByText(/Videreført: TB2023-01\/\d{4}/)).first().waitFor();
    await page.goto(`${server.url}/oppdrag/TB2023-01`);
    expect(await page.locator("section[aria-labelledby=relasjoner]").textContent()).toMatch(/Videreført som\s*TB2023-01\/\d{4}/);
  });
});
