/**
 * What the Node side writes to its log: internal errors with their stacks, inference crashes,
 * refused calls. The Atelier's hosts give every part one `Logger` (a rotating file in the data
 * dir, see ./file.ts); tests and tools that need none use `nullLogger`.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  /** `err` is kept with its stack; never user content (prompts, pixels, notes). */
  error(message: string, err?: unknown, detail?: Record<string, unknown>): void;
}

export const nullLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
