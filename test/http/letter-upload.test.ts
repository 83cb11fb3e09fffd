/**
 * Letter upload over HTTP: a Word file is read (mammoth, loaded on first use) into a preview with
 * the letter's assignments; a damaged one is refused; and the request as a whole is capped, not
 * only each file: many parts, or a long body sent without Content-Length, get the Norwegian
 * "too large" message and nothing is stored.
 */
import fs from "node:fs";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { MAX_UPLOAD_BYTES } from "~/letters/extract.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false }); // an empty database: every assignment in the upload is new
  const admin = await makeUser(getDatabase().db, "admin");
  cookie = await sessionCookie(getDatabase().db, admin.id);
});
afterAll(async () => {
  await server?.stop();
});

async function uploads(): Promise<number> {
  const row = await getDatabase().db.selectFrom("letter_uploads").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/admin/brev`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: server.url, ...headers },
    redirect: "manual",
    duplex: "half",
  } as RequestInit);
}

function wordFile(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.append("fil", new Blob([new Uint8Array(bytes)], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), name);
  return form;
}

describe("Word letters", () => {
  it("reads a .docx into a preview of its assignments", async () => {
    const lines = fs.readFileSync("db/seed/tildelingsbrev-2023.txt", "utf8").split("\n");
    const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] });
    const bytes = await Packer.toBuffer(doc);
    const res = await post(wordFile(bytes, "tildelingsbrev-2023.docx"));
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/brev\/\d+$/);
    const preview = await (await fetch(`${server.url}${location}`, { headers: { Cookie: cookie } })).text();
    expect(preview).toContain("tildelingsbrev-2023.docx");
    expect(preview).toContain("TB2023-01");
    expect(preview).toContain("TB2023-82");
  });

  it("refuses a damaged .docx with a Norwegian message and stores nothing", async () => {
    const before = await uploads();
    const res = await post(wordFile(Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(2000, 7)]), "skadet.docx"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Word-filen kunne ikke leses");
    expect(await uploads()).toBe(before);
  });
});

describe("letter upload request size", () => {
  it("refuses many parts that are each under the file limit", async () => {
    const before = await uploads();
    const form = new FormData();
    const part = new Blob([Buffer.alloc(MAX_UPLOAD_BYTES - 1024, 0x61)], { type: "text/plain" });
    for (let i = 0; i < 3; i++) form.append("fil", part, `brev-${i}.txt`);
    const res = await post(form);
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("er for stor. Største tillatte størrelse er 10 MB.");
    expect(html).not.toMatch(/at .*\.js:\d+/);
    expect(await uploads()).toBe(before);
  });

  it("refuses a long body sent without Content-Length, and keeps serving", async () => {
    const before = await uploads();
    const boundary = "----grense";
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="tekst"\r\n\r\n`));
        if (sent >= 3 * MAX_UPLOAD_BYTES) {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await post(stream, { "Content-Type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("er for stor. Største tillatte størrelse er 10 MB.");
    expect(await uploads()).toBe(before);
    const page = await fetch(`${server.url}/admin/brev`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
  });
});
