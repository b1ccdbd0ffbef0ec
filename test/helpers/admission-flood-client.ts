// One process of the admission flood (admission-flood.ts): `time <base> <samples>` times the cheap
// query; `attack <base> <over> <at> <rude|polite>` sends until its stdin closes. Prints its report as JSON.
import { attack, timeCheap } from './admission-flood.js';

async function main(): Promise<void> {
  const [mode, base, a, b, manners] = process.argv.slice(2);
  const stop = new Promise<void>((resolve) => {
    process.stdin.on('end', resolve).resume();
  });
  const report = mode === 'time' ? await timeCheap(base, Number(a)) : await attack(base, Number(a), Number(b), manners === 'rude', stop);
  // Exits once the report is flushed: fetch's idle keep-alive sockets would hold the process open.
  process.stdout.write(JSON.stringify(report), () => process.exit(0));
}

void main();
