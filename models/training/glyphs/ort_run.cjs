// usage: NODE_PATH=<repo>/node_modules node ort_run.cjs model.onnx workdir [repeats]
//   workdir/meta.json: {"inputs": {"<name>": {"dtype": "float32"|"int64", "shape": [...]}, ...}}
//   workdir/<name>.bin: raw little-endian data of each input (float32 or int64)
//   env ORT_INTRA_OP_THREADS=n sets intraOpNumThreads (default: onnxruntime's own default)
//   writes workdir/<output>.bin (float32) for every output and workdir/out.json
//   {"outputs": {"<name>": shape}, "ms": first run, "msMedian": median of `repeats` further runs}
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
(async () => {
  const [model, dir, rep] = process.argv.slice(2);
  const repeats = parseInt(rep || '0', 10);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const opts = process.env.ORT_INTRA_OP_THREADS ? { intraOpNumThreads: parseInt(process.env.ORT_INTRA_OP_THREADS, 10) } : {};
  const sess = await ort.InferenceSession.create(model, opts);
  const feeds = {};
  for (const [name, { dtype, shape }] of Object.entries(meta.inputs)) {
    const b = fs.readFileSync(path.join(dir, name + '.bin'));
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    feeds[name] = new ort.Tensor(dtype, dtype === 'int64' ? new BigInt64Array(ab) : new Float32Array(ab), shape);
  }
  let t = process.hrtime.bigint();
  const out = await sess.run(feeds);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const times = [];
  for (let i = 0; i < repeats; i++) {
    t = process.hrtime.bigint();
    await sess.run(feeds);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const shapes = {};
  for (const [name, v] of Object.entries(out)) {
    fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    shapes[name] = v.dims;
  }
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({
    outputs: shapes, ms, msMedian: times.length ? times[Math.floor(times.length / 2)] : null,
    msP90: times.length ? times[Math.floor(times.length * 0.9)] : null,
    msMin: times.length ? times[0] : null,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
