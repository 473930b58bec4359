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

export type { Handlers };

/** The most of a field name or key list an error quotes back (a hostile payload is not echoed). */
const MAX_QUOTE = 120;
const quote = (s: string): string => (s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE)}…` : s);

export function describeZodError(error: z.ZodError, prefix = ''): ErrorInfo {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: 'Invalid input.' };
  let path = issue.path.map(String);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    path = [...path, keys[0] ?? ''];
    const shown = keys.slice(0, 5).map((k) => `"${quote(k)}"`);
    const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
    message = `unknown field${keys.length > 1 ? 's' : ''} ${shown.join(', ')}${more}`;
  }
  const field = quote([prefix, ...path].filter(Boolean).join('.'));
  return {
    code: 'invalid-input',
    message: field ? `Invalid ${field}: ${message}` : `Invalid input: ${message}`,
    ...(field ? { field } : {}),
  };
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof AtelierError) return e.toJSON();
  if (e instanceof Error && e.name === 'AtelierError' && 'code' in e) return (e as AtelierError).toJSON();
  // Anything else is a bug or an environment failure: say so plainly, keep the host alive.
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Something went wrong inside Atelier: ${message}` };
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
      const parsed = def.input.safeParse(input);
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
