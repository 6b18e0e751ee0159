// Bundled for the queue benchmark page: the extension's own queue and sync modules, exposed on
// `window` so the benchmark drives the real code in Chromium's IndexedDB and fetch.
import { enqueueEvent, queueStatus, readBatch, settleBatch } from '../../../extension/lib/queue';
import { syncAll } from '../../../extension/lib/sync/sync-all';

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
  /**
   * Sends until the queue is empty, as the background's scheduler does (syncAll until idle);
   * returns the number of requests.
   */
  async drain(serverUrl, deviceToken) {
    let requests = 0;
    const ports = {
      readBatch,
      settleBatch,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        requests++;
        return fetch(input, init);
      },
    };
    for (;;) {
      const outcome = await syncAll(ports, { serverUrl, deviceToken });
      if (outcome.kind === 'idle') return requests;
      if (outcome.kind !== 'sent') throw new Error(`sync stopped: ${JSON.stringify(outcome)}`);
    }
  },
};
