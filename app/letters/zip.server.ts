/**
 * The little of the zip format a .docx upload needs, on Node's zlib: whether the archive unpacks
 * to at most a given size (checked before mammoth reads it), and, in the same pass, the text of
 * the parts asked for (Word's numbering, document and styles XML, for list numbers: word-lists.ts). The central directory's sizes
 * may lie, so every inflate has a hard output cap. Anything unexpected (zip64, encryption, unknown
 * compression, a damaged directory) counts as "no" / null; nothing here throws.
 */
import { inflateRawSync } from "node:zlib";

interface ZipEntry {
  name: string;
  method: number;
  data: Buffer;
}

/** The archive's entries from its central directory, or null when it is not one this reads. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  try {
    for (let n = 0; n < count; n++) {
      if (buf.readUInt32LE(at) !== 0x02014b50) return null;
      const flags = buf.readUInt16LE(at + 8);
      const method = buf.readUInt16LE(at + 10);
      const compressed = buf.readUInt32LE(at + 20);
      const nameLength = buf.readUInt16LE(at + 28);
      const local = buf.readUInt32LE(at + 42);
      if (flags & 0x1 || compressed === 0xffffffff || local === 0xffffffff) return null;
      if (buf.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      entries.push({ name: buf.toString("utf8", at + 46, at + 46 + nameLength), method, data: buf.subarray(start, start + compressed) });
      at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    }
  } catch {
    return null; // out of range
  }
  return entries;
}

/** The entry's bytes, inflated to at most `maxBytes` (RangeError past it), or null for an unknown method. */
function inflate(entry: ZipEntry, maxBytes: number): Buffer | null {
  if (entry.method === 0) return entry.data;
  if (entry.method === 8) return inflateRawSync(entry.data, { maxOutputLength: maxBytes });
  return null;
}

/**
 * The text (UTF-8) of the parts named in `keep` ("word/numbering.xml"), read while checking that
 * the whole zip (a .docx) unpacks to at most `maxBytes`: null when it does not, or cannot be read.
 * Every deflated part is inflated with a hard output cap (`maxOutputLength`): a zip bomb is stopped
 * at the cap instead of expanding to gigabytes. Parts not kept are counted and dropped.
 */
export function unzipWithin(bytes: Uint8Array, maxBytes: number, keep: ReadonlySet<string>): Map<string, string> | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  const kept = new Map<string, string>();
  let total = 0;
  try {
    for (const entry of entries) {
      const data = inflate(entry, maxBytes - total + 1);
      if (!data) return null;
      total += data.length;
      if (total > maxBytes) return null;
      if (keep.has(entry.name)) kept.set(entry.name, data.toString("utf8"));
    }
  } catch {
    // Inflating passed the cap (RangeError) or failed.
    return null;
  }
  return kept;
}

/** Whether a zip (a .docx) unpacks to at most `maxBytes` (see unzipWithin). */
export function zipFitsWithin(bytes: Uint8Array, maxBytes: number): boolean {
  return unzipWithin(bytes, maxBytes, new Set()) !== null;
}
