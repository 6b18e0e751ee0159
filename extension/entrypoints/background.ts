// Background service worker: wires the extension's features together (features live in extension/lib/).
export default defineBackground(() => {});
