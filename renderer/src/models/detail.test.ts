import { describe, expect, it } from 'vitest';
import {
  defaultVariant,
  downloadBlocker,
  gatedSentence,
  licenseText,
  safeHref,
  splitFrontMatter,
  variantFiles,
  variantOf,
} from './detail';
import { download, modelInfo } from './testing';

describe('a hub model on show', () => {
  it('picks the suggested variant that runs, and keeps the user’s pick while the repository has it', () => {
    const info = modelInfo();
    expect(defaultVariant(info)).toBe('fp16');
    expect(variantOf(info, null)?.id).toBe('fp16');
    expect(variantOf(info, 'fp32')?.id).toBe('fp32');
    expect(variantOf(info, 'gone')?.id).toBe('fp16');
    // A suggestion that cannot run is passed over for the first that can.
    const odd = modelInfo({
      variants: info.variants.map((v) => ({ ...v, suggested: v.id === 'q4' })),
    });
    expect(defaultVariant(odd)).toBe('fp32');
    expect(defaultVariant(modelInfo({ variants: [] }))).toBeNull();
  });

  it('says why Download cannot go', () => {
    const info = modelInfo();
    const fp16 = variantOf(info, 'fp16');
    expect(downloadBlocker(info, fp16, [])).toBeNull();
    expect(downloadBlocker(info, variantOf(info, 'q4'), [])).toBe(
      'The q4 variant cannot run here: MatMulNBits needs onnxruntime 1.17 or later.',
    );
    expect(downloadBlocker(modelInfo({ unsupported: 'No ONNX graph in this repository.' }), fp16, [])).toBe(
      'No ONNX graph in this repository.',
    );
    expect(downloadBlocker(info, null, [])).toBe('Nothing in this repository runs in Atelier.');
    expect(downloadBlocker(info, fp16, [download('a')])).toBe('This variant is already downloading.');
    expect(downloadBlocker(info, fp16, [download('a', { state: 'paused' })])).toMatch(/paused in Downloads/);
    // Finished, failed or another variant's downloads do not block.
    expect(downloadBlocker(info, fp16, [download('a', { state: 'done' }), download('b', { state: 'failed' })])).toBeNull();
    expect(downloadBlocker(info, fp16, [download('a', { variant: 'fp32' })])).toBeNull();
  });

  it('says what gating asks, licence and files', () => {
    expect(gatedSentence('no', false)).toBeNull();
    expect(gatedSentence('auto', false)).toMatch(/^Gated model\. Accept its conditions.*set an access token/);
    expect(gatedSentence('manual', true)).toMatch(/Request access.*your access token is then used/);
    expect(licenseText(null)).toBe('not stated');
    expect(licenseText('apache-2.0')).toBe('apache-2.0');
    expect([...variantFiles(variantOf(modelInfo(), 'fp32'))]).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json']);
    expect(variantFiles(null).size).toBe(0);
  });

  it('splits the card’s front matter and lets only absolute web links be links', () => {
    expect(splitFrontMatter('---\nlicense: mit\n---\n# Hi')).toEqual({ yaml: 'license: mit', body: '# Hi' });
    expect(splitFrontMatter('# Hi')).toEqual({ yaml: null, body: '# Hi' });
    expect(safeHref('https://huggingface.co/x')).toBe('https://huggingface.co/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('./LICENSE')).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });
});
