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

/**
 * The same request, with a body that fails with RequestTooLargeError once more than `maxBytes`
 * have been read. A declared Content-Length over the cap is refused at once, before reading.
 */
export function limitRequestBody(request: Request, maxBytes: number): Request {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestTooLargeError(maxBytes);
  if (!request.body) return request;
  let seen = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new RequestTooLargeError(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}

/** True for RequestTooLargeError, also when a parser wrapped it as the cause of its own error. */
export function isRequestTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof RequestTooLargeError) return true;
  }
  return false;
}
