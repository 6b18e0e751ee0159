// Line-by-line downloads (ledger exports, console exports) streamed a chunk at a time.

/** Lines per chunk of a streamed download: ~64 KB, few writes, small enough to stream. */
export const DOWNLOAD_LINES_PER_CHUNK = 200;

/**
 * A byte stream of `lines`, pulled a chunk at a time: a download of any length holds neither the
 * whole text in memory nor a database statement open between chunks it has not been asked for.
 *
 * @example
 *   return c.body(streamLines(ledger.exportRange(0, 10).value), 200, { 'content-type': '…' });
 */
export function streamLines(lines: Iterable<string>): ReadableStream<Uint8Array> {
  const it = lines[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < DOWNLOAD_LINES_PER_CHUNK; i++) {
        const next = it.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      // The client went away: let the generator release its statement.
      it.return?.();
    },
  });
}
