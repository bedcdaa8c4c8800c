// The bench's restarts spawn, and the bench process is checked against, the heap sizes of
// `npm start` as package.json states them (bench/steps/server-flags.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingServerFlags, serverNodeFlags } from '../../../bench/steps/server-flags';

const scripts = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).scripts as Record<string, string>;

describe("npm start's Node.js flags", () => {
  it('are the heap sizes in the start script, in order', () => {
    const flags = serverNodeFlags();
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    for (const flag of flags) expect(scripts.start).toContain(` ${flag} `);
  });

  it('are the ones `npm run bench` and `npm run bench:memory` run with', () => {
    for (const name of ['bench', 'bench:memory']) {
      const argv = scripts[name]!.split(' ');
      expect({ name, missing: missingServerFlags(argv) }).toEqual({ name, missing: [] });
    }
  });

  it('names each flag a process lacks', () => {
    const [first, ...rest] = serverNodeFlags();
    expect(missingServerFlags(rest)).toEqual([first]);
    expect(missingServerFlags([])).toEqual(serverNodeFlags());
  });
});
