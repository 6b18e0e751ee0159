// Bundled into a blank page by queue-store.spec.ts: the extension's queue module as it is,
// exposed on `window`, so the spec drives it in Chromium's real IndexedDB.
import {
  deadLetters,
  enqueueEvent,
  queueStatus,
  readBatch,
  recentEvents,
  settleBatch,
} from '../../extension/lib/queue';

const queue = {
  deadLetters,
  enqueueEvent,
  queueStatus,
  readBatch,
  recentEvents,
  settleBatch,
};

declare global {
  interface Window {
    queue: typeof queue;
  }
}

window.queue = queue;
