// `npm run gpu:cuda`: fetches onnxruntime's CUDA 12 execution provider libraries (Linux x64 with
// an NVIDIA GPU, CUDA 12 and cuDNN 9 installed). Atelier then picks CUDA automatically and shows
// it in the status bar; without it, everything runs on the CPU.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error('atelier: the CUDA provider download is for Linux x64 only.');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('onnxruntime-node/package.json'));
const r = spawnSync(process.execPath, [join(pkgDir, 'script', 'install.js')], {
  cwd: pkgDir,
  stdio: 'inherit',
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
});
if (r.status !== 0) {
  console.error('atelier: could not install the CUDA provider (needs internet access to nuget.org).');
  process.exit(r.status ?? 1);
}
console.log('atelier: CUDA provider installed; restart Atelier to use it.');
