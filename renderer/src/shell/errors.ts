import { AtelierError, ErrorCode, type ErrorInfo } from '../../../preload/contract';

/** Any thrown value as the contract's ErrorInfo, so the banner always has a readable sentence. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AtelierError) return err.toJSON();
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    const code = ErrorCode.safeParse(e.code);
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'Something went wrong.';
    return {
      code: code.success ? code.data : 'internal',
      message,
      ...(typeof e.field === 'string' && e.field !== '' ? { field: e.field } : {}),
    };
  }
  return { code: 'internal', message: typeof err === 'string' && err !== '' ? err : 'Something went wrong.' };
}

/** A job that ended because the user (or a newer job) stopped it: a notice, not an error. */
export function isStopped(err: unknown): boolean {
  const { code } = toErrorInfo(err);
  return code === 'cancelled' || code === 'superseded';
}

/** The studio control a failed call's field points at ("params.blend.amount" → "blend"). */
export function fieldTarget(field: string | undefined): string | null {
  if (!field) return null;
  const parts = field.split('.');
  const i = parts[0] === 'params' ? 1 : 0;
  return parts[i] ?? null;
}
