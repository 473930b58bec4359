/**
 * The router's log: refused calls are recorded by method and field (never the payload), internal
 * errors with their stacks, and an error never quotes a hostile payload back in full.
 */
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../preload/contract';
import type { Logger } from '../log/logger';
import { EventBus } from '../services/events';
import { createRouter } from './router';

interface Entry {
  level: string;
  message: string;
  detail?: Record<string, unknown>;
  err?: unknown;
}

function collectingLogger(): Logger & { entries: Entry[] } {
  const entries: Entry[] = [];
  return {
    entries,
    info: (message, detail) => entries.push({ level: 'info', message, detail }),
    warn: (message, detail) => entries.push({ level: 'warn', message, detail }),
    error: (message, err, detail) => entries.push({ level: 'error', message, err, detail }),
  };
}

// Only the sections these tests call: the router looks handlers up by name.
const handlers = {
  jobs: {
    cancel: () => {
      throw new Error('disk on fire');
    },
  },
  app: { info: () => ({ version: 1 }) },
} as unknown as Handlers;

describe('router log', () => {
  it('logs a refused call by method and field, without the payload', async () => {
    const logger = collectingLogger();
    const r = await createRouter(handlers, { logger }).call('jobs.cancel', { jobId: 'secret prompt words' });
    expect(r.ok).toBe(false);
    expect(logger.entries).toEqual([
      { level: 'warn', message: 'router: refused a call', detail: { method: 'jobs.cancel', field: 'jobId' } },
    ]);
    expect(JSON.stringify(logger.entries)).not.toContain('secret');
  });

  it('logs an internal error with its stack and answers a typed internal error', async () => {
    const logger = collectingLogger();
    const r = await createRouter(handlers, { logger }).call('jobs.cancel', { jobId: 'abcdefgh' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.entries[0]?.level).toBe('error');
    expect((logger.entries[0]?.err as Error).stack).toContain('router.test.ts');
  });

  it('logs a malformed answer', async () => {
    const logger = collectingLogger();
    const r = await createRouter(handlers, { logger, validateOutput: true }).call('app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.entries[0]).toMatchObject({
      level: 'error',
      message: 'router: app.info answered a malformed result',
    });
  });

  it('never quotes a huge payload back: unknown keys and method names are capped', async () => {
    const logger = collectingLogger();
    const router = createRouter(handlers, { logger });
    const keys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`.padEnd(300, 'x'), 1]));
    const r = await router.call('jobs.cancel', { jobId: 'abcdefgh', ...keys });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.message.length).toBeLessThan(1000);
    expect(r.error.message).toContain('and 4995 more');
    const m = await router.call('x'.repeat(100_000), {});
    if (m.ok) throw new Error('expected a refusal');
    expect(m.error.message.length).toBeLessThan(400);
  });
});

describe('event bus', () => {
  it('logs a subscriber that throws, and still reaches the others', () => {
    const logger = collectingLogger();
    const bus = new EventBus(logger);
    const seen: string[] = [];
    bus.on('library.changed', () => {
      throw new Error('broken subscriber');
    });
    bus.on('library.changed', (p) => seen.push(p.id));
    bus.emit('library.changed', { id: 'a', change: 'added' });
    expect(seen).toEqual(['a']);
    expect(logger.entries[0]).toMatchObject({
      level: 'error',
      message: 'events: a library.changed subscriber threw',
    });
    expect((logger.entries[0]?.err as Error).message).toBe('broken subscriber');
  });
});
