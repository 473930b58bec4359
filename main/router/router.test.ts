/**
 * The router's words and log: a refused input is a sentence for a person naming the field (the
 * path stays in `field` for the UI), an internal error says where the details are and nothing
 * more; refused calls are logged by method and field (never the payload), internal errors with
 * their stacks, and an error never quotes a hostile payload back in full.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Seed, type ErrorInfo, type Handlers } from '../../preload/contract';
import type { Logger } from '../log/logger';
import { EventBus } from '../services/events';
import {
  createRouter,
  describeZodError,
  fieldLabel,
  fieldWords,
  INTERNAL_MESSAGE,
  PARSE_OPTIONS,
  toErrorInfo,
} from './router';

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

  it('logs an internal error with its stack and answers a sentence that points to the log', async () => {
    const logger = collectingLogger();
    const r = await createRouter(handlers, { logger }).call('jobs.cancel', { jobId: 'abcdefgh' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    // The raw message is for the log only.
    expect(JSON.stringify(r)).not.toContain('disk on fire');
    expect(logger.entries[0]?.level).toBe('error');
    expect((logger.entries[0]?.err as Error).message).toBe('disk on fire');
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

/** The router's answer to one payload refused by a schema (parsed as the router parses). */
function refusal(schema: z.ZodType, input: unknown): ErrorInfo {
  const r = schema.safeParse(input, PARSE_OPTIONS);
  if (r.success) throw new Error('expected a refusal');
  return describeZodError(r.error);
}

/** What no sentence for people may read like: zod's English, schema words, dotted paths. */
const SCHEMA_SPEAK = /Invalid|expected|received|NaN|params\.|Field:|>=|<=|\bnull\b|undefined/;

describe('refused input, in words', () => {
  const Params = z
    .object({
      params: z
        .object({
          size: z.number().int().min(256, 'must be at least 256 px'),
          seed: Seed,
          steps: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
          sampler: z.enum(['ddim', 'euler']).optional(),
          scale: z.union([z.literal(1), z.literal(2), z.literal(4)]).optional(),
          prompt: z.string().max(10).optional(),
          style: z.string().min(1).optional(),
        })
        .strict(),
      sampling: z
        .object({ maxTokens: z.number().int().min(1).max(4096).optional() })
        .strict()
        .optional(),
      notes: z.array(z.object({ duration: z.number().positive('must be longer than 0 beats') })).optional(),
      points: z.array(z.array(z.number()).min(2)).optional(),
      jobId: z.string().optional(),
    })
    .strict();
  const ok = { size: 256, seed: 1 };
  const cases: Array<[string, unknown, string, string]> = [
    ['NaN size', { params: { ...ok, size: Number.NaN } }, 'params.size', 'Size must be a number.'],
    ['size as text', { params: { ...ok, size: '256' } }, 'params.size', 'Size must be a number.'],
    [
      'infinite size',
      { params: { ...ok, size: Number.POSITIVE_INFINITY } },
      'params.size',
      'Size must be a finite number.',
    ],
    [
      'a small size (the contract words it)',
      { params: { ...ok, size: 64 } },
      'params.size',
      'Size must be at least 256 px.',
    ],
    [
      'a negative seed',
      { params: { ...ok, seed: -1 } },
      'params.seed',
      'Seed must be a whole number from 0 to 4294967295.',
    ],
    [
      'a seed past 32 bits',
      { params: { ...ok, seed: 2 ** 32 } },
      'params.seed',
      'Seed must be a whole number from 0 to 4294967295.',
    ],
    ['a fractional seed', { params: { ...ok, seed: 1.5 } }, 'params.seed', 'Seed must be a whole number.'],
    ['steps 0', { params: { ...ok, steps: 0 } }, 'params.steps', 'Steps must be at least 1.'],
    ['a missing field', { params: { seed: 1 } }, 'params.size', 'Size is missing.'],
    [
      'an unknown field',
      { params: { ...ok, foo: 1 } },
      'params.foo',
      'The request has a field Atelier does not know: "foo".',
    ],
    [
      'an unknown sampler',
      { params: { ...ok, sampler: 'plms' } },
      'params.sampler',
      'Sampler must be "ddim" or "euler".',
    ],
    ['a scale of 3', { params: { ...ok, scale: 3 } }, 'params.scale', 'Scale must be one of 1, 2 or 4.'],
    [
      'a long prompt',
      { params: { ...ok, prompt: 'x'.repeat(11) } },
      'params.prompt',
      'Prompt must be at most 10 characters.',
    ],
    ['an empty style', { params: { ...ok, style: '' } }, 'params.style', 'Style must not be empty.'],
    [
      'a camelCase field',
      { params: ok, sampling: { maxTokens: 0 } },
      'sampling.maxTokens',
      'Max tokens must be a whole number from 1 to 4096.',
    ],
    [
      'a field inside a list item',
      { params: ok, notes: [{ duration: 1 }, { duration: 0 }] },
      'notes.1.duration',
      'Duration (item 2 of notes) must be longer than 0 beats.',
    ],
    [
      'a list item',
      { params: ok, points: [[0, 1], [0]] },
      'points.1',
      'Item 2 of points must hold at least 2 items.',
    ],
    ['not an object at all', 42, '', 'The request must be an object.'],
  ];
  for (const [name, input, field, message] of cases) {
    it(`words ${name}`, () => {
      const e = refusal(Params, input);
      expect(e).toEqual({ code: 'invalid-input', message, ...(field ? { field } : {}) });
      expect(e.message).not.toMatch(SCHEMA_SPEAK);
    });
  }

  it("words zod's own English too (an error parsed without the router's options)", () => {
    const r = z.object({ seed: Seed, size: z.number() }).safeParse({ seed: -1, size: 1 });
    if (r.success) throw new Error('expected a refusal');
    expect(describeZodError(r.error)).toEqual({
      code: 'invalid-input',
      message: 'Seed must be at least 0.',
      field: 'seed',
    });
    const n = z.object({ size: z.number() }).safeParse({ size: Number.NaN });
    if (n.success) throw new Error('expected a refusal');
    expect(describeZodError(n.error).message).toBe('Size must be a number.');
  });

  it('keeps a contract message that is already a sentence', () => {
    const e = refusal(z.object({ a: z.string().refine(() => false, 'Pick a style first.') }), { a: 'x' });
    expect(e).toEqual({ code: 'invalid-input', message: 'Pick a style first.', field: 'a' });
  });

  it('names fields in words', () => {
    expect(fieldWords('maxTokens')).toBe('Max tokens');
    expect(fieldWords('jobId')).toBe('Job ID');
    expect(fieldWords('repetitionPenalty')).toBe('Repetition penalty');
    expect(fieldWords('topK')).toBe('Top-k');
    expect(fieldLabel([])).toBe('The request');
    expect(fieldLabel(['points', 0, 3])).toBe('Item 4 of points');
    expect(fieldLabel(['sampling', 'stop', 0])).toBe('Item 1 of stop');
    expect(fieldLabel(['clip', 'notes', 2, 'pitch'])).toBe('Pitch (item 3 of notes)');
  });

  it('says where the details of an internal error are, never the raw message', () => {
    expect(toErrorInfo(new Error('ENOENT: /home/someone/secret.png'))).toEqual({
      code: 'internal',
      message: INTERNAL_MESSAGE,
    });
    expect(toErrorInfo('a string')).toEqual({ code: 'internal', message: INTERNAL_MESSAGE });
    expect(INTERNAL_MESSAGE).toMatch(/^Something went wrong inside Atelier\. The details are in the log/);
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
