// Optional cross-check: the JS library the app will use (@huggingface/tokenizers) loads models/text/tokenizer.json
// and gives the same ids as our Python encoder (bpe.Tokenizer) and an exact decode, on varied Unicode text plus the
// first 300 held-out documents.
//   cd models/training
//   npm install --prefix text/.cache/js --no-save @huggingface/tokenizers
//   /usr/bin/python3 -c "from text import bpe; bpe.write_js_cases('text/.cache/js/cases.json')"
//   node text/check_tokenizer_js.mjs
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { fileURLToPath, pathToFileURL } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
const req = createRequire(path.join(here, '.cache', 'js', 'package.json'));
const mod = await import(pathToFileURL(req.resolve('@huggingface/tokenizers')).href);
const Tokenizer = mod.Tokenizer ?? mod.default.Tokenizer;
const dir = path.join(here, '..', '..', 'text');
const tok = new Tokenizer(JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')),
  JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8')));
const cases = JSON.parse(fs.readFileSync(path.join(here, '.cache', 'js', 'cases.json'), 'utf8'));
let bad = 0, rt = 0;
for (const c of cases) {
  const ids = Array.from(tok.encode(c.text).ids);
  if (JSON.stringify(ids) !== JSON.stringify(c.ids)) { bad++; console.log('ids differ:', JSON.stringify(c.text).slice(0, 80)); }
  if (tok.decode(ids, { skip_special_tokens: false }) !== c.text) { rt++; console.log('decode differs:', JSON.stringify(c.text).slice(0, 80)); }
}
console.log(`${cases.length} texts: ${bad} id mismatches, ${rt} round-trip mismatches`);
process.exit(bad || rt ? 1 : 0);
