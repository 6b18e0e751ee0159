// The slice of a `browser.storage` area the governance features use, so tests pass a Map-backed fake.

/** `browser.storage.local` or `.session` satisfy it. Values read back are untrusted: parse them. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * An in-memory area (tests; values are cloned as the browser's are).
 *
 * @example
 *   const area = memoryArea(); await area.set({ a: 1 }); await area.get('a'); // { a: 1 }
 */
export function memoryArea(): StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        if (data.has(key)) out[key] = structuredClone(data.get(key));
      }
      return out;
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) data.delete(key);
    },
  };
}
