/**
 * Issue 17's pure rules: the one redirect-target check, TRUST_PROXY as Express documents it, the
 * setup page's Host allow-list, CSV quoting for both separators, UTF-8 in url-encoded forms, the
 * body caps, Norwegian zod messages, control characters in names and search, the open-deadline
 * rule and the zip-bomb check.
 */
import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { nameSchema, signInSchema } from "~/auth/user-schema.server";
import { toFtsTerms, readFilter } from "~/domain/assignment-filter";
import { isAgreeable } from "~/domain/deadline-agreement.server";
import { csvCell } from "~/export/csv";
import { MAX_DOCX_EXPANDED_BYTES } from "~/letters/extract.server";
import { zipFitsWithin } from "~/letters/zip.server";
import { isLocalHostHeader, parseTrustProxy, trustsAnyProxy } from "~/lib/origin";
import { bodyLimitFor, FORM_BODY_LIMIT, isValidUrlEncodedUtf8, UPLOAD_BODY_LIMIT } from "~/lib/request-limit.server";
import { safeRedirectTarget } from "~/lib/urls";
import { z } from "zod";

describe("redirect targets (neste, tilbake)", () => {
  it("keeps local paths, query and fragment", () => {
    expect(safeRedirectTarget("/oppdrag/TB2023-05?per=2023-08-31#historikk")).toBe("/oppdrag/TB2023-05?per=2023-08-31#historikk");
    expect(safeRedirectTarget("/frister", "/x")).toBe("/frister");
  });

  it("refuses what a browser would read as another site", () => {
    for (const bad of ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "/./\\evil.example", "/..//evil.example", "https://evil.example/", "evil", "javascript:alert(1)"]) {
      expect(safeRedirectTarget(bad, "/frister"), JSON.stringify(bad)).toBe("/frister");
    }
  });

  it("refuses control characters (CR/LF would split the Location header)", () => {
    expect(safeRedirectTarget("/oppdrag\r\nSet-Cookie: x=1")).toBe("/");
    expect(safeRedirectTarget("/oppdrag\u0000")).toBe("/");
    expect(safeRedirectTarget("/oppdrag\u2028")).toBe("/");
  });

  it("percent-encodes non-Latin-1 characters, so the header is ASCII", () => {
    const target = safeRedirectTarget("/oppdrag?q=ø€😀");
    expect(target).toBe("/oppdrag?q=%C3%B8%E2%82%AC%F0%9F%98%80");
    expect(/^[\x20-\x7e]+$/.test(target)).toBe(true);
  });
});

describe("TRUST_PROXY", () => {
  it("reads hop counts, booleans and address lists as Express documents them", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("TRUE")).toBe(true);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("loopback, 10.0.0.0/8 ,192.168.1.10")).toEqual(["loopback", "10.0.0.0/8", "192.168.1.10"]);
    expect(trustsAnyProxy(parseTrustProxy("0"))).toBe(false);
    expect(trustsAnyProxy(parseTrustProxy("false"))).toBe(false);
    expect(trustsAnyProxy(parseTrustProxy("1"))).toBe(true);
    expect(trustsAnyProxy(parseTrustProxy("loopback"))).toBe(true);
  });
});

describe("the setup page's Host allow-list", () => {
  it("accepts only names of this machine", () => {
    for (const ok of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST:80"]) expect(isLocalHostHeader(ok), ok).toBe(true);
    for (const bad of ["evil.example:3000", "127.0.0.1.evil.example", "evil@localhost", "localhost/x", "", null, "10.0.0.1"]) {
      expect(isLocalHostHeader(bad), String(bad)).toBe(false);
    }
  });
});

describe("CSV cells", () => {
  it("quote commas as well as semicolons, so no separator starts a formula cell", () => {
    expect(csvCell("ok,=1+1")).toBe('"ok,=1+1"');
    expect(csvCell("ok;=1+1")).toBe('"ok;=1+1"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell('si "hei"')).toBe('"si ""hei"""');
    expect(csvCell("vanlig tekst")).toBe("vanlig tekst");
  });
});

describe("request bodies", () => {
  it("has a cap for every path, the upload's larger", () => {
    expect(bodyLimitFor("/logg-inn")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/oppdrag/TB2023-05")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/admin/brev")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/admin/brev.data")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/admin/brev/1")).toBe(FORM_BODY_LIMIT);
  });

  it("finds invalid UTF-8 in url-encoded forms (escaped or raw)", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(isValidUrlEncodedUtf8(enc("comment=bl%C3%A5b%C3%A6r&status=i_rute"))).toBe(true);
    expect(isValidUrlEncodedUtf8(enc("comment=a+b%2Bc&x="))).toBe(true);
    expect(isValidUrlEncodedUtf8(enc("comment=%FF%FEabc"))).toBe(false);
    expect(isValidUrlEncodedUtf8(enc("comment=%C3"))).toBe(false);
    expect(isValidUrlEncodedUtf8(enc("comment=%ED%A0%80"))).toBe(false); // an encoded lone surrogate
    expect(isValidUrlEncodedUtf8(new Uint8Array([0x63, 0x3d, 0xe5]))).toBe(false); // raw Latin-1 "å"
  });
});

describe("messages", () => {
  it("zod's own messages are Norwegian", () => {
    const long = signInSchema.safeParse({ email: "a@b.no", password: "x", neste: `/${"a".repeat(2001)}` });
    expect(long.success).toBe(false);
    expect(long.error!.issues[0].message).toBe("Adressen du skulle videre til, er for lang.");
    const plain = z.object({ a: z.string().max(3), b: z.array(z.string()).max(1), c: z.string() }).safeParse({ a: "abcd", b: ["x", "y"] });
    const messages = plain.error!.issues.map((i) => i.message);
    expect(messages).toEqual(["Teksten er for lang (høyst 3 tegn).", "For mange valg (høyst 1).", "Feltet mangler eller har feil form."]);
    expect(messages.join(" ")).not.toMatch(/Too big|expected|Invalid/);
  });

  it("names may not hold control characters", () => {
    expect(nameSchema.safeParse("Kari Nordmann").success).toBe(true);
    for (const bad of ["Kari\u0000Nordmann", "Kari\r\nBcc: x", "Kari\tNordmann", "Kari\u0085"]) {
      const r = nameSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].message).toBe("Navnet kan ikke inneholde kontrolltegn eller linjeskift.");
    }
  });
});

describe("search text", () => {
  it("turns control characters into spaces (a NUL ended the FTS5 query: 500)", () => {
    expect(toFtsTerms("\u0000abc")).toEqual(['"abc"*']);
    expect(readFilter(new URLSearchParams("q=%00abc")).query).toBe("abc");
  });
});

describe("open deadlines", () => {
  it("only a deadline the letter left open can be agreed", () => {
    expect(isAgreeable("to_be_agreed")).toBe(true);
    expect(isAgreeable("on_hold")).toBe(true);
    expect(isAgreeable("invalid")).toBe(true);
    expect(isAgreeable("dated")).toBe(false);
  });
});

const MB = 1024 * 1024;

describe("zip bombs", () => {
  it("a .docx that unpacks past the cap is refused before anything expands it fully", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", Buffer.alloc(4 * MB, 0x61));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.byteLength).toBeLessThan(50 * 1024);
    expect(zipFitsWithin(bomb, 3 * MB)).toBe(false);
    expect(zipFitsWithin(bomb, 5 * MB)).toBe(true);
    const small = new JSZip();
    small.file("word/document.xml", "<w:document/>");
    expect(zipFitsWithin(await small.generateAsync({ type: "uint8array", compression: "DEFLATE" }), MAX_DOCX_EXPANDED_BYTES)).toBe(true);
    expect(MAX_DOCX_EXPANDED_BYTES).toBe(40 * MB);
  });

  it("a central directory that lies about the size does not help", () => {
    // The directory says 10 bytes; the data inflates to 4 MB.
    const data = deflateRawSync(Buffer.alloc(4 * MB, 0x62));
    const name = Buffer.from("word/document.xml");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(10, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(10, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdOffset = local.length + name.length + data.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    const zip = Buffer.concat([local, name, data, central, name, eocd]);
    expect(zipFitsWithin(zip, 3 * MB)).toBe(false);
    expect(zipFitsWithin(zip, 5 * MB)).toBe(true);
  });
});
