import { isValidElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { modelsBlocker } from './modelsBlocker';

describe('modelsBlocker', () => {
  it('says the models are loading', () => {
    expect(modelsBlocker('loading', () => {})).toBe('Loading models…');
  });

  it('leaves the listed case to the studio', () => {
    expect(modelsBlocker('loaded', () => {})).toBeNull();
  });

  it('offers a retry when the list failed', () => {
    const retry = vi.fn();
    const blocker = modelsBlocker('failed', retry);
    if (!isValidElement(blocker)) throw new Error('expected an element');
    expect(renderToStaticMarkup(blocker)).toBe(
      'The models could not be listed. <button type="button" class="link-button">Retry</button>',
    );
    const children = (blocker as ReactElement<{ children: unknown[] }>).props.children;
    const button = children.find((c) => isValidElement(c));
    (button as ReactElement<{ onClick: () => void }>).props.onClick();
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
