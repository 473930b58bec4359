/** A typed event bus for the contract's events; both hosts forward it to their renderers. */
import type { EventName, EventPayload } from '../../preload/contract';
import { nullLogger, type Logger } from '../log/logger';

type AnyListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  constructor(private readonly logger: Logger = nullLogger) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (e) {
        // A broken subscriber must not stop the others or the job that emitted; it is logged.
        this.logger.error(`events: a ${event} subscriber threw`, e);
      }
    }
  }

  /** Every event, for a host to forward; returns the unsubscribe. */
  subscribeAll(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.subscribeAll((e, p) => {
      if (e === event) listener(p as EventPayload<E>);
    });
  }
}
