// Prints what a first visit downloads: index.html's entry script and everything it imports
// statically (modulepreload), gzipped, and fails the build past the 300 kB budget. Screens
// loaded on demand (React.lazy) are listed apart: they are not part of the first load.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const BUDGET_KB = 300;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
let total = 0;
console.log('\nFirst load (JavaScript, gzipped):');
for (const file of firstLoad) {
  const kb = gz(file);
  total += kb;
  console.log(`  ${file.padEnd(48)} ${kb.toFixed(1).padStart(7)} kB`);
}
console.log(`  ${'total'.padEnd(48)} ${total.toFixed(1).padStart(7)} kB (budget ${BUDGET_KB} kB)`);
const lazy = all.filter((f) => !firstLoad.includes(f));
if (lazy.length) {
  console.log('Loaded on demand:');
  for (const file of lazy) console.log(`  ${file.padEnd(48)} ${gz(file).toFixed(1).padStart(7)} kB`);
}
if (total > BUDGET_KB) {
  console.error(`First load is ${total.toFixed(1)} kB gzipped, over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
