import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/atelier';
import { createFileLogger, logPath } from './file';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the log file', () => {
  it('writes one JSON object a line, with the stack of an error', () => {
    const dir = tempDir();
    dirs.push(dir);
    const log = createFileLogger(dir.path);
    log.info('started', { port: 1 });
    log.error('router: texture.generate failed', new Error('disk full'));
    const lines = readFileSync(logPath(dir.path), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', message: 'started', port: 1 });
    expect(lines[1]).toMatchObject({ level: 'error', error: 'disk full' });
    expect(lines[1].stack).toContain('file.test.ts');
    expect(log.tail(1)[0]).toContain('disk full');
  });

  it('rotates past its size limit and keeps only so many old files', () => {
    const dir = tempDir();
    dirs.push(dir);
    const log = createFileLogger(dir.path, { maxBytes: 400, keep: 2 });
    for (let i = 0; i < 40; i++) log.warn(`line ${i}`, { pad: 'x'.repeat(40) });
    const files = readdirSync(join(dir.path, 'logs')).sort();
    expect(files).toEqual(['atelier.1.log', 'atelier.2.log', 'atelier.log']);
    expect(readFileSync(logPath(dir.path), 'utf8').length).toBeLessThanOrEqual(400);
    expect(readFileSync(logPath(dir.path), 'utf8')).toContain('line 39');
  });

  it('never throws when the log cannot be written', () => {
    const dir = tempDir();
    dirs.push(dir);
    // A data dir that is a file: every write under it fails (ENOTDIR), as on a broken disk.
    const notADir = join(dir.path, 'file');
    writeFileSync(notADir, 'x');
    const log = createFileLogger(notADir);
    expect(() => log.error('x', new Error('y'))).not.toThrow();
    expect(existsSync(join(notADir, 'logs'))).toBe(false);
    expect(log.tail(5)).toEqual([]);
  });
});
