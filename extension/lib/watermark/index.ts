// The per-site watermark (staff id and time) over protected pages.
export { showWatermark, watermarkText, watermarkTile } from './watermark';
