// Run texture.onnx with onnxruntime-node on raw float32 inputs (used by export.py / test_export.py).
// usage: NODE_PATH=<repo>/node_modules node ort_run.cjs model.onnx workdir
//   workdir/meta.json: {"noise":[1,Z,h,w],"style":[1,K]}; workdir/noise.bin, style.bin (float32 LE)
//   writes workdir/image.bin and workdir/out.json {"shape":[...],"ms":...}
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
(async () => {
  const [model, dir] = process.argv.slice(2);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const read = (n) => { const b = fs.readFileSync(path.join(dir, n + '.bin')); return new Float32Array(b.buffer, b.byteOffset, b.length / 4); };
  const sess = await ort.InferenceSession.create(model);
  const feeds = { noise: new ort.Tensor('float32', read('noise'), meta.noise), style: new ort.Tensor('float32', read('style'), meta.style) };
  const t = Date.now();
  const out = await sess.run(feeds);
  const ms = Date.now() - t;
  const img = out.image;
  fs.writeFileSync(path.join(dir, 'image.bin'), Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength));
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ shape: img.dims, ms }));
})().catch((e) => { console.error(e); process.exit(1); });
