/**
 * The letter upload caps the whole request, not only each file: many parts, or a long body sent
 * without Content-Length, get the Norwegian "too large" message and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/connection.server";
import { MAX_UPLOAD_BYTES } from "~/letters/extract.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await makeUser(getDb(), "admin");
  cookie = await sessionCookie(getDb(), admin.id);
});
afterAll(async () => {
  await server?.stop();
});

async function uploads(): Promise<number> {
  const row = await getDb().selectFrom("letter_uploads").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
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
