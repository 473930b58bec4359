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
  type Contract,
  type ErrorInfo,
  type MethodDef,
  type Namespace,
} from '../../preload/contract';

export type Handlers = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? (input: z.output<I>) => Promise<z.input<O>> | z.input<O>
      : never;
  };
};

export function describeZodError(error: z.ZodError, prefix = ''): ErrorInfo {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: 'Invalid input.' };
  let path = issue.path.map(String);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    path = [...path, keys[0] ?? ''];
    message = `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const field = [prefix, ...path].filter(Boolean).join('.');
  return {
    code: 'invalid-input',
    message: field ? `Invalid ${field}: ${message}` : `Invalid input: ${message}`,
    ...(field ? { field } : {}),
  };
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof AtelierError) return e.toJSON();
  // Anything else is a bug or an environment failure: say so plainly, keep the host alive.
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Something went wrong inside Atelier: ${message}` };
}

export interface Router {
  call(method: unknown, input: unknown): Promise<CallResult<unknown>>;
}

export function createRouter(handlers: Handlers, opts: { validateOutput?: boolean } = {}): Router {
  return {
    async call(method, input) {
      if (typeof method !== 'string') {
        return { ok: false, error: { code: 'unknown-method', message: 'The method name must be a string.' } };
      }
      const def = methodDef(method);
      if (!def)
        return { ok: false, error: { code: 'unknown-method', message: `There is no method "${method}".` } };
      const parsed = def.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
      const [ns, name] = method.split('.') as [string, string];
      const handler = (handlers as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[ns]![
        name
      ]!;
      try {
        const value = await handler(parsed.data);
        if (opts.validateOutput) {
          const out = def.output.safeParse(value);
          if (!out.success) {
            return {
              ok: false,
              error: { code: 'internal', message: `Atelier answered ${method} with a malformed result.` },
            };
          }
          return { ok: true, value: out.data };
        }
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toErrorInfo(e) };
      }
    },
  };
}
