/**
 * The Glyph sheet tab: a font file in; its glyphs (A–Z, a–z, 0–9) rendered and k variations of
 * its style drawn from the glyph VAE's posterior, as sheets and as an ImageFolder; the sheets
 * shown, the characters the font lacks named, and samples of the glyphs beside their variations.
 */
import type { ReactElement } from 'react';
import type { DatasetsGlyphSheetInput, DatasetsGlyphSheetResult } from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { PathField, SeedField, TextField } from './fields';
import { SheetGallery } from './SheetGallery';
import { checkGlyphs } from './checks';
import type { GlyphsForm } from './form';
import { TabPanel, type PanelProps } from './TabPanel';
import { useTabForm } from './useTabForm';

const FIELDS = ['font', 'out', 'k', 'seed', 'spread'];

export function GlyphsPanel(
  props: PanelProps<GlyphsForm, DatasetsGlyphSheetInput, DatasetsGlyphSheetResult>,
): ReactElement {
  const { api, form, job } = props;
  const tab = useTabForm(props, checkGlyphs);
  return (
    <TabPanel
      id="glyphs"
      runLabel="Make sheets"
      fields={FIELDS}
      job={job}
      tab={tab}
      result={
        job.result && job.request ? (
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
        ) : null
      }
      intro="Renders every character of the font, then k variations of its style from the glyph VAE: a sheet each and an ImageFolder with one class per character."
    >
      <PathField
        id="glyphs-font"
        label="Font file"
        placeholder="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        hint="A .ttf, .otf or .woff file on this machine."
        {...tab.text('font')}
      />
      <PathField
        id="glyphs-out"
        label="Output folder"
        placeholder="/home/you/data/glyphs"
        {...tab.folder('out')}
      />
      <div className="field-pair">
        <TextField
          id="glyphs-k"
          label="Variations (k)"
          hint="Whole sheets in the font’s style (1–64)."
          numeric
          {...tab.text('k')}
        />
        <TextField
          id="glyphs-spread"
          label="Spread (0–3)"
          hint="How far variations stray, in posterior sd."
          numeric
          {...tab.text('spread')}
        />
      </div>
      <SeedField id="glyphs" form={form} tab={tab} />
    </TabPanel>
  );
}
