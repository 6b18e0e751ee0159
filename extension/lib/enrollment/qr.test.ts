// Tests of the authenticator's QR code and secret as the options page shows them.
import { describe, expect, it } from 'vitest';
import { groupSecret, qrDataUrl } from './qr';

describe('qrDataUrl', () => {
  it('is an SVG data URL holding only drawing, whatever the URI holds', () => {
    const url = qrDataUrl(
      'otpauth://totp/Custodian:CS-0420?secret=JBSWY3DPEHPK3PXP&issuer=<script>',
    );
    expect(url).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(url.split(',')[1]!, 'base64').toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('otpauth');
  });
});

describe('groupSecret', () => {
  it('groups by four for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});
