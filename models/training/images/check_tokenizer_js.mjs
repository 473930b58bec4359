// Cross-check: the JS library the app uses (@huggingface/tokenizers, installed at the repository root) loads
// tiny-sd/tokenizer/tokenizer.json and gives the same ids as make_tiny_sd.py's Python CLIP encoder
// (<|startoftext|> + tokens + <|endoftext|>, not padded) and the same decoded text, on make_tiny_sd.JS_CASES.
//   node check_tokenizer_js.mjs [tokenizer folder]      (PYTHON=/path/to/python3 to choose the interpreter)
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';
import { createRequire } from 'module';
import { fileURLToPath, pathToFileURL } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
const req = createRequire(path.join(here, '..', '..', '..', 'package.json'));
const mod = await import(pathToFileURL(req.resolve('@huggingface/tokenizers')).href);
const Tokenizer = mod.Tokenizer ?? mod.default.Tokenizer;
const dir = path.resolve(process.argv[2] ?? path.join(here, 'tiny-sd', 'tokenizer'));
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const tok = new Tokenizer(read('tokenizer.json'), read('tokenizer_config.json'));
const py = process.env.PYTHON ?? 'python3';
const cases = JSON.parse(execFileSync(py, ['-c',
  'import json, sys; from images import make_tiny_sd as T; print(json.dumps(T.js_cases(sys.argv[1])))', dir],
  { cwd: path.join(here, '..') }).toString());
let bad = 0;
for (const c of cases) {
  const ids = Array.from(tok.encode(c.text).ids, Number);
  const dec = tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false });
  const same = JSON.stringify(ids) === JSON.stringify(c.ids);
  if (!same) console.log('ids differ:', JSON.stringify(c.text), JSON.stringify(ids), JSON.stringify(c.ids));
  if (dec !== c.decoded) console.log('decode differs:', JSON.stringify(c.text), JSON.stringify(dec), JSON.stringify(c.decoded));
  if (!same || dec !== c.decoded) bad++;
}
console.log(`${cases.length} prompts: ${bad} mismatches (ids: [bos ... eos], decode without special tokens)`);
process.exit(bad ? 1 : 0);
