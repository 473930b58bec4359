/**
 * The Labs' Web Worker: trains the lab on show with TensorFlow.js off the page's thread and
 * streams snapshots to it (runner.ts holds the logic; protocol.ts the messages).
 */
import { toWorker, type FromWorker } from './protocol';
import { LabRunner } from './runner';

/** The worker global's part this file uses (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

// A zero-delay yield between training slices: nested setTimeout(0) is clamped to 4 ms, which
// would idle the worker a third of the time; a MessageChannel message is not.
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();

const runner = new LabRunner({
  post: (msg: FromWorker) => scope.postMessage(msg),
  now: () => performance.now(),
  defer: (fn) => {
    pending.push(fn);
    channel.port2.postMessage(null);
  },
});

scope.addEventListener('message', (e) => {
  const msg = toWorker(e.data);
  if (!msg) {
    console.warn('labs worker: a message it does not know was dropped', e.data);
    return;
  }
  void runner.receive(msg);
});

runner.hello();
