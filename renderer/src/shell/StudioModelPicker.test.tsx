import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { ShellContext, type Shell, type ViewRequest } from './ShellContext';
import { modelStatus } from './testing';
import { requestedModel, StudioModelPicker } from './StudioModelPicker';
import type { ModelImport } from './useModelImport';
import type { ModelRemove } from './useModelRemove';
import type { TaskModels } from './useTaskModels';

const m = (id: string, over: Partial<ModelStatus> = {}): ModelStatus =>
  modelStatus(id, { sizeBytes: 1, source: 'imported', ...over });

const importer = (open = false): ModelImport => ({
  open,
  path: '',
  busy: false,
  error: null,
  show: () => {},
  close: () => {},
  setPath: () => {},
  submit: async () => {},
  canPick: false,
  pick: async () => {},
});

const remover = (confirming: ModelStatus | null = null): ModelRemove => ({
  confirming,
  busy: false,
  error: confirming ? { code: 'io', message: 'disk on fire' } : null,
  ask: () => {},
  cancel: () => {},
  confirm: async () => {},
});

const models = (
  list: ModelStatus[],
  model: ModelStatus | null,
  problem: string | null = null,
): TaskModels => ({
  list,
  model,
  choose: () => {},
  blocker: null,
  problem,
});

function render(over: Partial<Parameters<typeof StudioModelPicker>[0]> = {}): string {
  const good = m('good');
  return renderToStaticMarkup(
    <StudioModelPicker
      prefix="x"
      models={models([good, m('odd'), m('bad', { ok: false, error: 'no weights' })], good)}
      importer={importer()}
      remover={remover()}
      onChoose={() => {}}
      label="Pick"
      none="Nothing usable"
      optionLabel={(x) => `opt ${x.id}`}
      usable={(x) => x.id !== 'odd'}
      detail={(x) => `detail ${x.id}`}
      importLabel="Import an x model"
      importPlaceholder="/p"
      importHelp={<code>help</code>}
      {...over}
    />,
  );
}

const ids = (html: string): string[] => [...html.matchAll(/data-testid="([^"]+)"/g)].map((r) => r[1]!);

describe('StudioModelPicker', () => {
  it('lists the models with the prefix test ids, disabling broken and unusable ones', () => {
    const html = render();
    expect(ids(html)).toEqual(['x-model', 'x-model-info', 'x-model-broken', 'x-import', 'x-model-remove']);
    expect(html).toContain('<option value="good" selected="">opt good</option>');
    expect(html).toContain('<option value="odd" disabled="">opt odd</option>');
    expect(html).toContain('<option value="bad" disabled="" title="no weights">opt bad</option>');
    expect(html).toContain('data-source="imported">detail good</span>');
    expect(html).toContain('</svg> BAD: no weights</li>');
    expect(html).not.toContain('Nothing usable');
  });

  it('says why none can run; lists broken ones beside the problem unless told not to', () => {
    const bad = m('bad', { ok: false });
    const none = models([bad], null, 'The x model “BAD” cannot be used');
    const html = render({ models: none });
    expect(html).toContain('<option value="" selected="">Nothing usable</option>');
    expect(ids(html)).toEqual(['x-model', 'x-model-error', 'x-model-broken', 'x-import']);
    expect(ids(render({ models: none, brokenOnlyBesideModel: true }))).toEqual([
      'x-model',
      'x-model-error',
      'x-import',
    ]);
  });

  it('hides the detail line when the studio has none, and Remove for bundled models', () => {
    const bundled = m('b', { source: 'bundled' });
    expect(ids(render({ detail: () => null, models: models([bundled], bundled) }))).toEqual([
      'x-model',
      'x-import',
    ]);
  });

  it('locks the select and buttons while disabled', () => {
    const html = render({ disabled: true });
    expect(html.match(/disabled=""/g)?.length).toBe(5); // select, Import, Remove + 2 options
    expect(html).toMatch(/<select[^>]*disabled=""/);
  });

  it('confirms removal (what stays) and shows the refusal', () => {
    const html = render({ remover: remover(m('good')), removeKeeps: 'its pictures' });
    expect(ids(html)).toEqual([
      'x-model',
      'x-model-info',
      'x-model-broken',
      'x-import',
      'x-model-remove-confirm',
      'x-model-remove-error',
    ]);
    expect(html).toContain('stays, and so do its pictures.');
    expect(html).toContain('disk on fire');
    expect(render({ remover: remover(m('good')) })).toContain('imported it from stays.</p>');
  });

  it('opens the import dialog with the studio prefix and help', () => {
    const html = render({ importer: importer(true) });
    expect(html).toContain('aria-label="Import an x model"');
    expect(html).toContain('data-testid="x-import-path"');
    expect(html).toContain('<p class="muted model-import-help"><code>help</code></p>');
  });
});

describe('Find models… and the Models view’s “Open in …”', () => {
  const shell: Shell = {
    reportError: () => {},
    clearError: () => {},
    notify: () => {},
    clearNotice: () => {},
    setJob: () => {},
    error: null,
    job: null,
    openView: () => {},
    viewRequest: null,
  };
  const inside = (over: Partial<Parameters<typeof StudioModelPicker>[0]>): string => {
    const good = m('good');
    return renderToStaticMarkup(
      <ShellContext.Provider value={shell}>
        <StudioModelPicker
          prefix="x"
          models={models([good], good)}
          importer={importer()}
          remover={remover()}
          onChoose={() => {}}
          label="Pick"
          none="Nothing usable"
          optionLabel={(x) => x.id}
          detail={() => null}
          importLabel="Import"
          importPlaceholder="/p"
          importHelp="help"
          {...over}
        />
      </ShellContext.Provider>,
    );
  };

  it('offers Find models… for the Writer’s and the Image studio’s task, beside Import', () => {
    expect(ids(inside({ prefix: 'writer' }))).toEqual([
      'writer-model',
      'writer-import',
      'writer-find-models',
      'writer-model-remove',
    ]);
    expect(inside({ prefix: 'image' })).toContain('data-testid="image-find-models"');
    expect(inside({ prefix: 'x', findTask: 'image' })).toContain('Find models…');
  });

  it('leaves it out without a task, or outside the shell', () => {
    expect(inside({ prefix: 'x' })).not.toContain('find-models');
    expect(inside({ prefix: 'writer', findTask: null })).not.toContain('find-models');
    expect(render({ prefix: 'writer' })).not.toContain('find-models');
  });

  it('picks the model a view request names, once per request, when it is listed and usable', () => {
    const list = [m('a'), m('b'), m('broken', { ok: false })];
    const req = (n: number, params: Record<string, string>): ViewRequest => ({ view: 'writer', params, n });
    const all = (): boolean => true;
    expect(requestedModel(req(3, { model: 'b' }), list, 0, all)).toEqual({ n: 3, pick: 'b' });
    expect(requestedModel(req(3, { model: 'b' }), list, 3, all)).toBeNull();
    expect(requestedModel(req(4, { model: 'other' }), list, 3, all)).toBeNull();
    expect(requestedModel(req(4, { task: 'text' }), list, 3, all)).toBeNull();
    expect(requestedModel(null, list, 0, all)).toBeNull();
    expect(requestedModel(req(5, { model: 'broken' }), list, 0, all)).toEqual({ n: 5, pick: null });
    expect(requestedModel(req(5, { model: 'a' }), list, 0, (x) => x.id !== 'a')).toEqual({
      n: 5,
      pick: null,
    });
  });
});
