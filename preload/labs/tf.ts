/**
 * The Labs' training library: TensorFlow.js (what GAN Lab uses), on its plain-JavaScript `cpu`
 * backend, the same one in the studio's Web Worker, the CLI and the tests, so a seed and settings
 * replay the same numbers everywhere (the WebGL and WebGPU backends round differently).
 * Every engine takes `tf` from here after `labsTf()` resolved.
 */
import * as tf from '@tensorflow/tfjs';

export { tf };

/** The backend every lab runs on (reported by the bench and the CLI). */
export const LABS_BACKEND = 'cpu';

let ready: Promise<typeof tf> | undefined;

/** Selects the cpu backend once; resolves to tfjs. */
export function labsTf(): Promise<typeof tf> {
  ready ??= (async () => {
    await tf.setBackend(LABS_BACKEND);
    // The cpu backend prints an advert for tfjs-node on its first use under Node (which would
    // download a native binary); we choose the plain backend on purpose.
    (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
    tf.enableProdMode();
    return tf;
  })();
  return ready;
}
