// The Host rule and the exposure warning as plain functions (issue 21, findings 1 and 2): the cases HTTP tests do
// not reach (a wildcard listen address, IPv4-mapped loopback, malformed headers, the flag's syntax).
import { networkInterfaces } from 'node:os';
import { isLoopbackHost, parseAllowedHosts, refusedHost } from '../../src/http/host-check';
import { exposureWarning } from '../../src/cli/exposure-warning';

describe('refusedHost', () => {
  const loopback = { listenHost: '127.0.0.1' };

  it.each(['localhost', 'localhost:3000', '127.0.0.1:3000', '127.255.0.9', '[::1]:3000', '[::ffff:127.0.0.1]:3000'])(
    '%s is answered on loopback',
    (host) => {
      expect(refusedHost(host, loopback)).toBeUndefined();
    },
  );

  it.each(['rebind.attacker.example', 'localhost.attacker.example', '192.168.1.20:3000', 'a b', 'x:y:z', '[::2]'])(
    '%s is refused, with how to allow it',
    (host) => {
      const refused = refusedHost(host, loopback);
      expect(refused?.message).toContain('--allowed-hosts');
    },
  );

  it('a request without Host (HTTP/1.0, never a browser) is answered', () => {
    expect(refusedHost(undefined, loopback)).toBeUndefined();
  });

  it('the listen address, and on a wildcard address every address of the machine', () => {
    expect(refusedHost('192.168.1.20:3000', { listenHost: '192.168.1.20' })).toBeUndefined();
    const own = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
    if (own) expect(refusedHost(`${own.address}:3000`, { listenHost: '0.0.0.0' })).toBeUndefined();
    expect(refusedHost('203.0.113.7:3000', { listenHost: '0.0.0.0' })).toBeDefined();
    expect(refusedHost('myhost.lan:3000', { listenHost: '0.0.0.0' })?.message).toContain('--allowed-hosts myhost.lan');
  });

  it('--allowed-hosts: exact names, a leading dot for a domain and its subdomains, all', () => {
    const allowedHosts = parseAllowedHosts(' App.Test , .dev.test,,');
    expect(allowedHosts).toEqual(['app.test', '.dev.test']);
    expect(refusedHost('app.test:3000', { listenHost: '127.0.0.1', allowedHosts })).toBeUndefined();
    expect(refusedHost('x.app.test', { listenHost: '127.0.0.1', allowedHosts })).toBeDefined();
    expect(refusedHost('a.b.dev.test', { listenHost: '127.0.0.1', allowedHosts })).toBeUndefined();
    expect(refusedHost('anything.example', { listenHost: '127.0.0.1', allowedHosts: ['all'] })).toBeUndefined();
  });
});

describe('isLoopbackHost and exposureWarning', () => {
  it('loopback is 127.0.0.0/8, ::1 and localhost; a wildcard or a LAN address is not', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '::', '192.168.0.2', 'example.test', ''].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('says nothing when everything is on loopback', () => {
    expect(
      exposureWarning({
        api: { host: '127.0.0.1', port: 3000 },
        invoke: { host: '::1', port: 3001 },
        inspector: { host: '127.0.0.1', port: 9229, breakOnStart: false },
      }),
    ).toBeUndefined();
  });

  it('names only what is exposed, with the fix for each', () => {
    const warning = exposureWarning({
      api: { host: '127.0.0.1', port: 3000 },
      inspector: { host: '0.0.0.0', port: 9229, breakOnStart: false },
    });
    expect(warning).toMatch(/^Warning: the functions' Node debugger \(0\.0\.0\.0:9229 and up\)/);
    expect(warning).not.toContain('local API');
    expect(warning).toContain('--inspect=127.0.0.1:9229');
    expect(warning).not.toContain('--host');
  });
});
