import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, cspMeta } from './csp';

const built = 'out/renderer/index.html';

describe('the one Content-Security-Policy', () => {
  it('the header forbids framing and everything not named', () => {
    expect(CSP).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).toContain("connect-src 'self';");
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('the meta form leaves out what a meta tag ignores, and opens localhost only for the dev server', () => {
    expect(cspMeta(false)).not.toContain('frame-ancestors');
    expect(cspMeta(false)).not.toContain('ws:');
    expect(cspMeta(true)).toContain("connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    expect(CSP.startsWith(cspMeta(false))).toBe(true);
  });

  it.skipIf(!existsSync(built))('the built page carries the same policy (npm test builds first)', () => {
    const html = readFileSync(built, 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${cspMeta(false)}"`);
    expect(html).not.toContain('atelier:csp');
  });
});
