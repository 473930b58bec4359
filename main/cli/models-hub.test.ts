/**
 * `atelier models search|download` against the stand-in hub (HF_ENDPOINT): the table, a download
 * with progress on stderr that installs a model the list then shows, one line and exit 1 when
 * the hub cannot be reached, and one line and exit 2 for each bad command line.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { closedEndpoint, startHubStandin, type HubStandin } from '../testing/hub-standin';
import { captureOutput, cliTempDir, refusesEach } from './testing';
import { table } from './models-hub';

const printed = captureOutput();
const dir = cliTempDir('cli-models-hub-');
let hub: HubStandin;
const endpoint = process.env.HF_ENDPOINT;

beforeAll(async () => {
  hub = await startHubStandin({
    repos: [
      {
        id: 'atelier-test/tiny-gpt2',
        dir: resolve('models/training/text/tiny/gpt2'),
        task: 'text',
        downloads: 42,
        likes: 3,
      },
      {
        id: 'atelier-test/tiny-sd',
        dir: resolve('models/training/images/tiny-sd'),
        task: 'image',
        downloads: 7,
      },
    ],
  });
  process.env.HF_ENDPOINT = hub.url;
});
afterAll(async () => {
  if (endpoint === undefined) delete process.env.HF_ENDPOINT;
  else process.env.HF_ENDPOINT = endpoint;
  await hub.close();
});

describe('atelier models search and download (stand-in hub)', () => {
  it('search prints a table of the hub models for a task', async () => {
    expect(await runCli(['models', 'search', 'tiny', '--task', 'text', ...dir.data])).toBe(0);
    expect(printed.stdout[0]).toMatch(/^REPO\s+TASK\s+DOWNLOADS\s+LIKES\s+GATED\s+CURATED$/);
    expect(printed.stdout.slice(1)).toEqual([
      expect.stringMatching(/^atelier-test\/tiny-gpt2\s+text\s+42\s+3\s+-\s+-$/),
    ]);
  });

  it('search says so when nothing matches', async () => {
    expect(await runCli(['models', 'search', 'nothing-like-this', ...dir.data])).toBe(0);
    expect(printed.stdout).toEqual(['No ONNX models on the hub match "nothing-like-this".']);
  });

  it('download shows progress on stderr and prints the installed model', async () => {
    expect(await runCli(['models', 'download', 'atelier-test/tiny-gpt2', ...dir.data])).toBe(0);
    expect(printed.stderr.join('')).toMatch(
      /atelier-test\/tiny-gpt2 \(fp32\) downloading: [\d.]+ MB of [\d.]+ MB/,
    );
    expect(printed.stdout).toHaveLength(1);
    const id =
      /^Installed (\S+) from atelier-test\/tiny-gpt2 \(fp32, [\d.]+ MB\)\. Use it with: atelier text --model \1/.exec(
        printed.stdout[0]!,
      )?.[1];
    expect(id).toBeTruthy();
    printed.stdout.length = 0;
    expect(await runCli(['models', ...dir.data])).toBe(0);
    expect(printed.stdout.some((l) => l.startsWith(`${id}\t`))).toBe(true);
  });

  it('prints one line and exits 1 when the hub cannot be reached', async () => {
    const url = await closedEndpoint();
    process.env.HF_ENDPOINT = url;
    try {
      for (const argv of [
        ['models', 'search', 'gpt2'],
        ['models', 'download', 'atelier-test/tiny-gpt2'],
      ]) {
        printed.stderr.length = 0;
        expect(await runCli([...argv, ...dir.data])).toBe(1);
        expect(printed.stderr).toEqual([
          `atelier: The Hugging Face hub cannot be reached (${url}): check the connection, or import a folder instead.`,
        ]);
      }
    } finally {
      process.env.HF_ENDPOINT = hub.url;
    }
  });

  it('lines the table up, gated and curated shown', () => {
    const rows = table([
      {
        repo: 'a/b',
        task: null,
        downloads: 5,
        likes: 12,
        updatedAt: null,
        gated: 'manual',
        curated: true,
        note: 'small',
      },
      {
        repo: 'long-owner/long-name',
        task: 'image',
        downloads: 1234,
        likes: 0,
        updatedAt: null,
        gated: 'no',
        curated: false,
      },
    ]);
    expect(rows).toEqual([
      'REPO                  TASK   DOWNLOADS  LIKES  GATED   CURATED',
      'a/b                   -              5     12  manual  yes: small',
      'long-owner/long-name  image       1234      0  -       -',
    ]);
  });
});

describe('atelier models refusals', () => {
  refusesEach(
    [
      [['models', 'download'], /models download needs one REPO/],
      [['models', 'download', '../x'], /REPO must be a hub repository, "owner\/name", got "\.\.\/x"/],
      [['models', 'download', 'owner/name', '--variant', 'FP-16'], /--variant must be a variant name/],
      [['models', 'import', '/tmp', '--variant', 'q4!'], /--variant must be a variant name/],
      [['models', 'search'], /models search needs a QUERY/],
      [['models', 'search', 'gpt2', '--task', 'audio'], /--task must be text or image, got "audio"/],
      [['models', 'search', 'gpt2', '--limit', '0'], /--limit must be a whole number from 1 to 50/],
      [['models', 'download', 'owner/name', '--colour', 'red'], /Unknown option '--colour'/],
    ],
    printed,
    { suffix: dir.data },
  );
});
