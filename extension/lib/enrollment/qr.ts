// The authenticator's QR code for the options page: uqr draws the otpauth URI as SVG, which is
// shown as an <img> from a data: URL, so no markup from outside ever enters the page's DOM.
import { renderSVG } from 'uqr';

/**
 * An `image/svg+xml` data URL of the URI's QR code (black on white, quiet zone included).
 *
 * @example
 *   qrDataUrl('otpauth://totp/Custodian:CS-0420?secret=…'); // 'data:image/svg+xml;base64,PHN2Zy…'
 */
export function qrDataUrl(uri: string): string {
  // ecc 'M' survives a phone camera's glare; a border of 4 modules is the standard quiet zone.
  const svg = renderSVG(uri, { ecc: 'M', border: 4, pixelSize: 6 });
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/**
 * The secret in groups of four, as people type it into an authenticator app.
 *
 * @example
 *   groupSecret('JBSWY3DPEHPK3PXP'); // 'JBSW Y3DP EHPK 3PXP'
 */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');
