/**
 * The router every host shares: looks the method up in the contract, validates the input
 * (unknown methods, wrong types, unknown fields, out-of-range values all become a typed
 * `invalid-input` error naming the field), dispatches to the handler and wraps the answer in
 * the `CallResult` envelope. It never throws: a host cannot be crashed by a payload.
 */
import type { z } from 'zod';
import {
  AtelierError,
  methodDef,
  type CallResult,
  type ErrorInfo,
  type Handlers,
} from '../../preload/contract';
import { nullLogger, type Logger } from '../log/logger';
import { misplacedBytes } from './bytes';

export type { Handlers };

/** The most of a field name or key list an error quotes back (a hostile payload is not echoed). */
const MAX_QUOTE = 120;
const quote = (s: string): string => (s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE)}…` : s);

/**
 * Zod's own English ("Too small: expected number to be >=0") is for developers. The router parses
 * with this error map, so an issue the contract did not word itself gets a predicate in the
 * contract's style ("must be at least 1"); the contract's own messages always win.
 */
export const PARSE_OPTIONS = { error: (iss: RawIssue): string => predicate(iss) };

/** An issue as zod hands it to an error map (the input and the schema are still attached). */
type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue | RawIssue;

/** What a numeric or sized schema tells about its bounds (zod's classic schemas expose these). */
interface Bounds {
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  bigint: 'a whole number',
  date: 'a date',
};

const num = (n: unknown): string => (typeof n === 'number' ? String(n) : String(n as bigint));

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `"${quote(v)}"` : String(v)));
  if (shown.length === 0 || shown.length > 16) return 'is not one of the values Atelier accepts';
  if (shown.length === 1) return `must be ${shown[0]!}`;
  const list = `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)!}`;
  return shown.length === 2 ? `must be ${list}` : `must be one of ${list}`;
}

/** The predicate of an issue in words ("must be a number"), from what zod records about it. */
function predicate(iss: Issue): string {
  const input = 'input' in iss ? iss.input : undefined;
  const hasInput = 'input' in iss;
  switch (iss.code) {
    case 'invalid_type': {
      if (hasInput && input === undefined) return 'is missing';
      if (!hasInput && /received undefined$/.test(iss.message ?? '')) return 'is missing';
      if (iss.expected === 'number' && typeof input === 'number' && Number.isNaN(input))
        return 'must be a number';
      if (iss.expected === 'number' && typeof input === 'number') return 'must be a finite number';
      const noun = NOUNS[iss.expected];
      return noun ? `must be ${noun}` : 'has the wrong type';
    }
    case 'too_small':
    case 'too_big': {
      const origin = iss.origin;
      const small = iss.code === 'too_small';
      const limit = num(
        small ? (iss as { minimum: unknown }).minimum : (iss as { maximum: unknown }).maximum,
      );
      const exact = Boolean((iss as { exact?: boolean }).exact);
      if (origin === 'string') {
        if (exact) return `must be exactly ${limit} character${limit === '1' ? '' : 's'}`;
        if (small && limit === '1') return 'must not be empty';
        return `must be at ${small ? 'least' : 'most'} ${limit} characters`;
      }
      if (origin === 'array' || origin === 'set') {
        if (exact) return `must hold exactly ${limit} item${limit === '1' ? '' : 's'}`;
        if (small && limit === '1') return 'must hold at least one item';
        return `must hold at ${small ? 'least' : 'most'} ${limit} items`;
      }
      const b = ('schema' in iss ? (iss.schema as Bounds | undefined) : undefined) ?? {};
      const lo = b.minValue;
      const hi = b.maxValue;
      const finite = (v: number | null | undefined): v is number =>
        typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;
      if (iss.inclusive !== false && finite(lo) && finite(hi))
        return `must be ${b.isInt ? 'a whole number ' : ''}from ${lo} to ${hi}`;
      if (small) return iss.inclusive === false ? `must be more than ${limit}` : `must be at least ${limit}`;
      return iss.inclusive === false ? `must be less than ${limit}` : `must be at most ${limit}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${num(iss.divisor)}`;
    case 'invalid_value':
      return oneOf(iss.values);
    case 'invalid_format': {
      const f = iss as { format: string; prefix?: string; suffix?: string; includes?: string };
      if (f.format === 'starts_with') return `must start with "${f.prefix ?? ''}"`;
      if (f.format === 'ends_with') return `must end with "${f.suffix ?? ''}"`;
      if (f.format === 'includes') return `must contain "${f.includes ?? ''}"`;
      if (f.format === 'regex') return 'is not in a form Atelier accepts';
      return `must be a valid ${f.format.replace(/_/g, ' ')}`;
    }
    case 'invalid_union': {
      const u = iss as { options?: unknown[]; errors?: Issue[][] };
      if (u.options?.length) return oneOf(u.options);
      // A union of literals (`1 | 2 | 4`): every branch refused one value.
      const values = (u.errors ?? []).map((branch) =>
        branch.length === 1 && branch[0]!.code === 'invalid_value' ? branch[0]!.values : null,
      );
      if (values.length > 0 && values.every((v) => v !== null)) return oneOf(values.flat());
      return 'is not in a form Atelier accepts';
    }
    case 'invalid_key':
      return 'has a key Atelier does not accept';
    case 'invalid_element':
      return 'holds a value Atelier does not accept';
    default:
      return 'is not valid';
  }
}

/** Zod's own English, as its default locale words it (an error parsed without PARSE_OPTIONS). */
const ZOD_ENGLISH = /^(Invalid\b|Too (big|small):|Unrecognized key)/;

const IRREGULAR: Record<string, string> = {
  bpm: 'Tempo',
  topK: 'Top-k',
  topP: 'Top-p',
  id: 'ID',
};

/** "maxTokens" → "Max tokens", "jobId" → "Job ID" (a field's name in words a person reads). */
export function fieldWords(key: string): string {
  const irregular = IRREGULAR[key];
  if (irregular) return irregular;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => (w === 'Id' || w === 'id' ? 'ID' : w.toLowerCase()));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The label a sentence about `path` starts with: its last named segment in words; a list item
 * is counted from 1 ("Item 2 of points"), and a field inside a list item says which one
 * ("Duration (item 1 of notes)").
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const segs = path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (segs.length === 0) return 'The request';
  const isIndex = (s: string | number): s is number => typeof s === 'number' || /^\d+$/.test(s);
  const named = (i: number): string | null => {
    for (let k = i; k >= 0; k--) if (!isIndex(segs[k]!)) return fieldWords(String(segs[k]));
    return null;
  };
  const last = segs.at(-1)!;
  if (isIndex(last)) {
    const list = named(segs.length - 2);
    const item = `Item ${Number(last) + 1}`;
    return list ? `${item} of ${list.toLowerCase()}` : item;
  }
  const label = fieldWords(String(last));
  // The nearest list item above the field, if any.
  for (let k = segs.length - 2; k >= 0; k--) {
    if (isIndex(segs[k]!)) {
      const list = named(k - 1);
      return `${label} (item ${Number(segs[k]) + 1}${list ? ` of ${list.toLowerCase()}` : ''})`;
    }
  }
  return label;
}

const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

/**
 * A refused input as a sentence for a person ("Size must be a number.", "Steps must be at least
 * 1."), with `field` (the path, for the UI to highlight). The contract's own messages are kept:
 * a predicate ("must be …") gets the field's name in front, a full sentence is used as it is.
 */
export function describeZodError(error: z.ZodError, prefix = ''): ErrorInfo {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: 'The request is not in a form Atelier accepts.' };
  const path = [...(prefix ? prefix.split('.') : []), ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const shown = keys.slice(0, 5).map((k) => `"${quote(k)}"`);
    const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
    const field = quote([...path, keys[0] ?? ''].filter(Boolean).join('.'));
    return {
      code: 'invalid-input',
      message:
        keys.length > 1
          ? `The request has fields Atelier does not know: ${shown.join(', ')}${more}.`
          : `The request has a field Atelier does not know: ${shown[0] ?? '""'}.`,
      ...(field ? { field } : {}),
    };
  }
  const own = issue.message.trim();
  const words = own === '' || ZOD_ENGLISH.test(own) ? predicate(issue) : own;
  // A full sentence (the contract worded it for people) stands alone; a predicate gets the field.
  const message = /^[A-Z]/.test(words) ? sentence(words) : sentence(`${quote(fieldLabel(path))} ${words}`);
  const field = quote(path.filter(Boolean).join('.'));
  return { code: 'invalid-input', message, ...(field ? { field } : {}) };
}

/** What every error that is not Atelier's own says (the router logs the error itself). */
export const INTERNAL_MESSAGE =
  'Something went wrong inside Atelier. The details are in the log (Copy diagnostics in the status bar).';

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof AtelierError) return e.toJSON();
  if (e instanceof Error && e.name === 'AtelierError' && 'code' in e) return (e as AtelierError).toJSON();
  // Anything else is a bug or an environment failure: a plain sentence for people; the raw
  // message and stack go only to the log (the router logs every internal error).
  return { code: 'internal', message: INTERNAL_MESSAGE };
}

export interface Router {
  call(method: unknown, input: unknown): Promise<CallResult<unknown>>;
}

export interface RouterOptions {
  validateOutput?: boolean;
  /** Refused calls (method and field, never the payload) and internal errors with their stacks. */
  logger?: Logger;
}

export function createRouter(handlers: Handlers, opts: RouterOptions = {}): Router {
  const log = opts.logger ?? nullLogger;
  return {
    async call(method, input) {
      if (typeof method !== 'string') {
        return { ok: false, error: { code: 'unknown-method', message: 'The method name must be a string.' } };
      }
      const def = methodDef(method);
      if (!def) {
        log.warn('router: unknown method', { method: quote(method) });
        return {
          ok: false,
          error: { code: 'unknown-method', message: `There is no method "${quote(method)}".` },
        };
      }
      const misplaced = misplacedBytes(def.input, input);
      if (misplaced) {
        const field = quote(misplaced.join('.'));
        log.warn('router: refused a call', { method, field: field || null });
        const what = misplaced.length ? fieldLabel(misplaced) : 'The input';
        return {
          ok: false,
          error: {
            code: 'invalid-input',
            message: `${what} must not be raw bytes here.`,
            ...(field ? { field } : {}),
          },
        };
      }
      const parsed = def.input.safeParse(input, PARSE_OPTIONS);
      if (!parsed.success) {
        const error = describeZodError(parsed.error);
        log.warn('router: refused a call', { method, field: error.field ?? null });
        return { ok: false, error };
      }
      const [ns, name] = method.split('.') as [string, string];
      const handler = (handlers as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[ns]![
        name
      ]!;
      try {
        const value = await handler(parsed.data);
        if (opts.validateOutput) {
          const out = def.output.safeParse(value);
          if (!out.success) {
            log.error(`router: ${method} answered a malformed result`, out.error);
            return {
              ok: false,
              error: { code: 'internal', message: `Atelier answered ${method} with a malformed result.` },
            };
          }
          return { ok: true, value: out.data };
        }
        return { ok: true, value };
      } catch (e) {
        const error = toErrorInfo(e);
        if (error.code === 'internal' || error.code === 'inference-crashed')
          log.error(`router: ${method} failed`, e);
        return { ok: false, error };
      }
    },
  };
}
