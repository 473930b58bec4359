/**
 * The Glyph sheet tab: a font file in; its glyphs (A–Z, a–z, 0–9) rendered and k variations of
 * its style drawn from the glyph VAE's posterior, as sheets and as an ImageFolder; the sheets
 * shown, the characters the font lacks named, and samples of the glyphs beside their variations.
 */
import { useState, type ReactElement } from 'react';
import type {
  AtelierApi,
  DatasetsGlyphSheetInput,
  DatasetsGlyphSheetResult,
} from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { PathField, SeedField, TextField } from './fields';
import { SheetGallery } from './SheetGallery';
import { checkGlyphs } from './checks';
import type { GlyphsForm } from './form';
import { JobBar } from './JobBar';
import { fieldShown, seedForRun, shownProblems } from './panel';
import type { DatasetJob } from './useDatasetJob';

const FIELDS = ['font', 'out', 'k', 'seed', 'spread'];

export function GlyphsPanel({
  api,
  form,
  update,
  job,
  pick,
}: {
  api: AtelierApi;
  form: GlyphsForm;
  update: (patch: Partial<GlyphsForm>) => void;
  job: DatasetJob<DatasetsGlyphSheetInput, DatasetsGlyphSheetResult>;
  pick: ((set: (path: string) => void) => void) | null;
}): ReactElement {
  const [page, setPage] = useState<Record<string, string>>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<GlyphsForm>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const f = seedForRun(form);
    if (f !== form) update({ seed: f.seed });
    const checked = checkGlyphs(f);
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid="datasets-glyphs-form"
        onSubmit={(e) => (e.preventDefault(), run())}
      >
        <PathField
          id="glyphs-font"
          label="Font file"
          placeholder="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
          hint="A .ttf, .otf or .woff file on this machine."
          value={form.font}
          problem={problems.font}
          onChange={(font) => change({ font })}
        />
        <PathField
          id="glyphs-out"
          label="Output folder"
          placeholder="/home/you/data/glyphs"
          value={form.out}
          problem={problems.out}
          onChange={(out) => change({ out })}
          onPick={pick ? () => pick((out) => change({ out })) : null}
        />
        <div className="field-pair">
          <TextField
            id="glyphs-k"
            label="Variations (k)"
            hint="Whole sheets in the font’s style (1–64)."
            numeric
            value={form.k}
            problem={problems.k}
            onChange={(k) => change({ k })}
          />
          <TextField
            id="glyphs-spread"
            label="Spread (0–3)"
            hint="How far variations stray, in posterior sd."
            numeric
            value={form.spread}
            problem={problems.spread}
            onChange={(spread) => change({ spread })}
          />
        </div>
        <SeedField
          id="glyphs"
          seed={form.seed}
          locked={form.locked}
          problem={problems.seed}
          onSeed={(seed) => change({ seed })}
          onLock={(locked) => change({ locked })}
        />
        <JobBar
          id="glyphs"
          runLabel="Make sheets"
          phase={job.phase}
          fraction={job.fraction}
          message={job.message}
          stopping={job.stopping}
          error={job.error}
          problems={problems}
          fieldShown={fieldShown(job.error, FIELDS)}
          onRun={run}
          onCancel={job.cancel}
          onResume={job.resume}
        />
      </form>
      <div className="datasets-output">
        {job.result && job.request ? (
          <>
            <SheetGallery api={api} out={job.request.out} sheets={job.result.sheets} />
            <AugmentResult
              api={api}
              id="glyphs"
              out={job.request.out}
              result={job.result}
              missing={job.result.missing}
            />
          </>
        ) : (
          <div className="datasets-intro muted">
            Renders every character of the font, then k variations of its style from the glyph VAE: a sheet
            each and an ImageFolder with one class per character.
          </div>
        )}
      </div>
    </div>
  );
}
