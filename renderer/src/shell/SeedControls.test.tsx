import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SeedRow } from './SeedControls';
import { MAX_SEED } from './seed';

type Props = Parameters<typeof SeedRow>[0];

const base = (over: Partial<Props> = {}): Props => ({
  id: 'x-seed',
  testId: 'x-seed',
  value: '42',
  diceLabel: 'Roll a random seed',
  onText: () => {},
  onSeed: () => {},
  ...over,
});

/** The row's direct children: the box, the dice and (when asked for) the Lock. */
function parts(props: Props): ReactElement<Record<string, unknown>>[] {
  const row = SeedRow(props) as ReactElement<{ children: ReactNode }>;
  return Children.toArray(row.props.children).filter(isValidElement) as ReactElement<
    Record<string, unknown>
  >[];
}

describe('SeedRow', () => {
  it('draws the box, the dice and the Lock with the studio’s test ids', () => {
    const html = renderToStaticMarkup(
      <SeedRow {...base({ lock: { checked: true, title: 'Locked: reuse', onChange: () => {} } })} />,
    );
    expect(html).toContain('data-testid="x-seed"');
    expect(html).toContain('data-testid="x-seed-dice"');
    expect(html).toContain('data-testid="x-seed-lock"');
    expect(html).toContain(`max="${MAX_SEED}"`);
    expect(html).toContain('value="42"');
    expect(html).toContain('title="Locked: reuse"');
    expect(html).toContain('checked=""');
    expect(html).not.toContain('aria-invalid');
  });

  it('leaves the Lock out when the studio has none, and marks a bad or disabled box', () => {
    const html = renderToStaticMarkup(
      <SeedRow {...base({ invalid: true, disabled: true, max: 99, testIds: { dice: 'd' } })} />,
    );
    expect(html).not.toContain('x-seed-lock');
    expect(html).toContain('data-testid="d"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('disabled=""');
    expect(html).toContain('max="99"');
  });

  it('hands on what is typed, as text and as a number', () => {
    const got: Array<[string, number]> = [];
    const [box] = parts(base({ onText: (t, n) => got.push([t, n]) }));
    const onChange = box!.props.onChange as (e: { target: { value: string; valueAsNumber: number } }) => void;
    onChange({ target: { value: '7', valueAsNumber: 7 } });
    onChange({ target: { value: '', valueAsNumber: Number.NaN } });
    expect(got).toEqual([
      ['7', 7],
      ['', Number.NaN],
    ]);
  });
});
