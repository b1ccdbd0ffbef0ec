import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderCorpus } from './corpus/generate/index.js';

// The committed corpus is what `npm run corpus:generate` writes, byte for byte: no file is
// hand-edited (or tighter or looser than its generator), and every file has a generator.
describe('npm run corpus:generate', () => {
  it('reproduces every committed test/corpus/*.json exactly', () => {
    const dir = path.join(__dirname, 'corpus');
    const generated = renderCorpus();
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(Object.keys(generated).sort()).toEqual(committed);
    const differing = committed.filter((file) => readFileSync(path.join(dir, file), 'utf8') !== generated[file]);
    expect(differing).toEqual([]);
  });
});
