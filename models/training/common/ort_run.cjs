// Run ONNX graphs with onnxruntime-node on raw inputs (used through common.run_onnx by every training folder's
// export.py / test_export.py / bench.py, and through common.run_typed by the fp16 / merged-decoder fixture scripts).
//
// One run:  NODE_PATH=<repo>/node_modules node ort_run.cjs model.onnx workdir [repeats]
//   workdir/meta.json: {"inputs": {"<name>": {"dtype": "float32"|"float16"|"int32"|"int64"|"bool", "shape": [...]}}}
//   workdir/<name>.bin: raw little-endian data of each input (float16: its bits; bool: one byte each)
//   env ORT_INTRA_OP_THREADS=n sets intraOpNumThreads (default: onnxruntime's own default)
//   runs the graph once, then `repeats` (default 0) more times, timing each session.run;
//   writes workdir/<output>.bin (raw little-endian data) for every output and workdir/out.json
//   {"outputs": {"<name>": dims}, "dtypes": {"<name>": "float32"|...}, "ms": first run, "runs": [ms of each repeat]}
//
// Server:   NODE_PATH=<repo>/node_modules node ort_run.cjs --serve
//   reads one JSON request a line on stdin, {"model": path, "dir": workdir, "repeats": n, "threads": n|null},
//   does what one run does with that workdir (sessions are kept, keyed by path, inode, size, mtime, ctime and threads),
//   and answers one line on stdout per request: `ort_run {"ok":true}` or `ort_run {"error":"..."}`.
//   Saves starting Node + onnxruntime for every call (~0.2 s) when a test or export makes hundreds of calls.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const ort = require('onnxruntime-node');

function sessionOptions(threads) {
  return threads ? { intraOpNumThreads: threads } : {};
}

// float16 tensors take their bits as a Uint16Array, bool tensors one byte each
const ARRAYS = {
  float32: Float32Array,
  float16: Uint16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
};

function readFeeds(dir) {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const feeds = {};
  for (const [name, { dtype, shape }] of Object.entries(meta.inputs)) {
    if (!ARRAYS[dtype]) throw new Error(`input ${name}: dtype ${dtype} is not one of ${Object.keys(ARRAYS)}`);
    const b = fs.readFileSync(path.join(dir, name + '.bin'));
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    feeds[name] = new ort.Tensor(dtype, new ARRAYS[dtype](ab), shape);
  }
  return feeds;
}

async function runIn(sess, dir, repeats) {
  const feeds = readFeeds(dir);
  let t = process.hrtime.bigint();
  const out = await sess.run(feeds);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    t = process.hrtime.bigint();
    await sess.run(feeds);
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const outputs = {};
  const dtypes = {};
  for (const [name, v] of Object.entries(out)) {
    fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    outputs[name] = v.dims;
    dtypes[name] = v.type;
  }
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ outputs, dtypes, ms, runs }));
}

async function serve() {
  const sessions = new Map();
  const answer = (obj) => process.stdout.write('ort_run ' + JSON.stringify(obj) + '\n');
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    if (!line.trim()) continue;
    try {
      const req = JSON.parse(line);
      const st = fs.statSync(req.model);
      const key = JSON.stringify([path.resolve(req.model), st.ino, st.size, st.mtimeMs, st.ctimeMs, req.threads || 0]);
      let sess = sessions.get(key);
      if (!sess) {
        sess = await ort.InferenceSession.create(req.model, sessionOptions(req.threads));
        sessions.set(key, sess);
      }
      await runIn(sess, req.dir, req.repeats || 0);
      answer({ ok: true });
    } catch (e) {
      answer({ error: String((e && e.stack) || e) });
    }
  }
}

(async () => {
  const argv = process.argv.slice(2);
  if (argv[0] === '--serve') return serve();
  const [model, dir, rep] = argv;
  const threads = process.env.ORT_INTRA_OP_THREADS ? parseInt(process.env.ORT_INTRA_OP_THREADS, 10) : 0;
  const sess = await ort.InferenceSession.create(model, sessionOptions(threads));
  await runIn(sess, dir, parseInt(rep || '0', 10));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
