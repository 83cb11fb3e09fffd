/**
 * A cap on the size of a whole request body. Remix's multipart parser limits each file part, but
 * not the number of parts or the text fields, so an upload form needs a cap on the request too.
 */

export class RequestTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Request body over ${maxBytes} bytes`);
    this.name = "RequestTooLargeError";
  }
}

/** After the cap is passed, the rest of the body is read and dropped up to this much, so the client still gets the 413. */
export const DRAIN_AFTER_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The same request, with a body that fails with RequestTooLargeError once more than `maxBytes`
 * have been read. A declared Content-Length over the cap is refused at once, before reading.
 * Past the cap nothing more is kept; the rest of the body is read and dropped (at most
 * DRAIN_AFTER_LIMIT_BYTES more, then the connection is cut), because cancelling the upload at
 * once resets the connection before the client has read the Norwegian 413.
 */
export function limitRequestBody(request: Request, maxBytes: number): Request {
  const length = request.headers.get("content-length");
  const declared = Number(length);
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestTooLargeError(maxBytes);
  // A body framed by a declared Content-Length (digits only) within the cap cannot grow past it
  // (Node's HTTP parser reads exactly that many bytes): no counting stream is needed, and each
  // POST (a status form above all) saves a stream and a Request. Without one, the body is
  // counted as it streams.
  if (!request.body || (length !== null && /^\d+$/.test(length))) return request;
  const reader = request.body.getReader();
  let seen = 0;
  const drain = async () => {
    let dropped = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        dropped += value.byteLength;
        if (dropped > DRAIN_AFTER_LIMIT_BYTES) return void (await reader.cancel());
      }
    } catch {
      // The client went away: nothing to drain.
    }
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > maxBytes) {
        controller.error(new RequestTooLargeError(maxBytes));
        void drain();
      } else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}

/** True for RequestTooLargeError, also when a parser wrapped it as the cause of its own error. */
export function isRequestTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof RequestTooLargeError) return true;
  }
  return false;
}

/** Every form in the app fits in this (the longest text fields are 20,000 characters). */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** The letter upload: one file or one pasted text of at most 10 MB each, plus the other fields. */
export const UPLOAD_BODY_LIMIT = 2 * 10 * 1024 * 1024 + 64 * 1024;

/** The largest request body a path accepts. Decided from the path alone, before anything is read. */
export function bodyLimitFor(pathname: string): number {
  return /^\/admin\/brev(\.data)?\/?$/.test(pathname) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
}

export function tooLargeMessage(maxBytes: number): string {
  if (maxBytes === UPLOAD_BODY_LIMIT) return "Opplastingen er for stor. Største tillatte størrelse er 10 MB. Ingenting er lagret.";
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} kB`;
  return `Forespørselen er for stor. Største tillatte størrelse er ${size}. Ingenting er lagret.`;
}

export const INVALID_UTF8_MESSAGE = "Skjemaet inneholdt tegn som ikke er gyldig UTF-8, og ble avvist. Ingenting er lagret. Skriv inn teksten på nytt.";

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * True when every name and value of an application/x-www-form-urlencoded body is valid UTF-8
 * once its %XX escapes are decoded. URLSearchParams would quietly turn bad bytes into U+FFFD,
 * which would then be stored as if the user had typed it.
 */
export function isValidUrlEncodedUtf8(body: Uint8Array): boolean {
  const text = Buffer.from(body).toString("latin1");
  for (const part of text.split("&")) {
    for (const piece of part.split("=")) {
      const bytes: number[] = [];
      for (let i = 0; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(piece.slice(i + 1, i + 3))) {
          bytes.push(parseInt(piece.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(c === 0x2b ? 0x20 : c);
      }
      try {
        fatalUtf8.decode(new Uint8Array(bytes));
      } catch {
        return false;
      }
    }
  }
  return true;
}

function refusal(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Every route action gets a request whose body is capped (`bodyLimitFor`, also for a body sent
 * without Content-Length, counted as it streams) and, for url-encoded forms, checked to be valid
 * UTF-8, before the action's own code (sign-in check included) runs. Refusals are Norwegian
 * 413/400 answers.
 */
export function guardActionBody<A extends { request: Request }, R>(action: (args: A) => R): (args: A) => Promise<R> {
  return async (args: A): Promise<R> => {
    const { request } = args;
    const maxBytes = bodyLimitFor(new URL(request.url).pathname);
    let limited: Request;
    try {
      limited = limitRequestBody(request, maxBytes);
    } catch (error) {
      if (isRequestTooLarge(error)) throw refusal(413, tooLargeMessage(maxBytes));
      throw error;
    }
    if (/^application\/x-www-form-urlencoded\b/i.test(limited.headers.get("content-type") ?? "")) {
      let body: ArrayBuffer;
      try {
        body = await limited.arrayBuffer();
      } catch (error) {
        if (isRequestTooLarge(error)) throw refusal(413, tooLargeMessage(maxBytes));
        throw error;
      }
      if (!isValidUrlEncodedUtf8(new Uint8Array(body))) throw refusal(400, INVALID_UTF8_MESSAGE);
      limited = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
    }
    try {
      return await action({ ...args, request: limited });
    } catch (error) {
      if (isRequestTooLarge(error)) throw refusal(413, tooLargeMessage(maxBytes));
      throw error;
    }
  };
}
