// Bundled for the queue benchmark page: the extension's own queue and sync modules, exposed on
// `window` so the benchmark drives the real code in Chromium's IndexedDB and fetch.
import { enqueueEvent, queueStatus, readBatch, settleBatch } from '../../../extension/lib/queue';
import { syncOnce } from '../../../extension/lib/sync/sync-once';

declare global {
  interface Window {
    custodianQueue: {
      enqueueEvent: typeof enqueueEvent;
      queueStatus: typeof queueStatus;
      drain(serverUrl: string, deviceToken: string): Promise<number>;
    };
  }
}

window.custodianQueue = {
  enqueueEvent,
  queueStatus,
  /** Sends until the queue is empty; returns the number of requests. */
  async drain(serverUrl, deviceToken) {
    let requests = 0;
    for (;;) {
      const outcome = await syncOnce(
        { readBatch, settleBatch, fetch: (input, init) => fetch(input, init) },
        { serverUrl, deviceToken },
      );
      requests++;
      if (outcome.kind === 'idle') return requests;
      if (outcome.kind !== 'sent') throw new Error(`sync stopped: ${JSON.stringify(outcome)}`);
    }
  },
};
