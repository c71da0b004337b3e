/**
 * @jest-environment node
 */
import fs from 'node:fs';
import path from 'node:path';
import securityHeaders from '../security-headers.json';

const nginxConf = fs.readFileSync(path.join(__dirname, '..', 'nginx.conf'), 'utf8');

/** `add_header Name "value" always;` lines of nginx.conf, as a map. */
function nginxHeaders(conf: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of conf.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;\s*$/gm)) {
    headers[match[1]!] = match[2]!;
  }
  return headers;
}

describe('the dashboard security headers', () => {
  it('are the same in nginx.conf (production) and security-headers.json (preview, browser tests)', () => {
    expect(nginxHeaders(nginxConf)).toEqual(securityHeaders);
    // Every add_header line was read: none is written in another form the map would miss.
    expect(nginxConf.match(/add_header/g)).toHaveLength(Object.keys(securityHeaders).length);
  });

  it('forbid framing, inline and foreign scripts, and sniffing', () => {
    const csp = securityHeaders['Content-Security-Policy'];
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(securityHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(securityHeaders['Referrer-Policy']).toBe('no-referrer');
  });
});
