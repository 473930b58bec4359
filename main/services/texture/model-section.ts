import { z } from 'zod';
import { defineModelSection } from '../models/model-section';

export const TextureSection = z.object({
  latentChannels: z.number().int().positive(),
  latentStride: z.number().int().positive(),
  minSize: z.number().int().positive(),
  maxSize: z.number().int().positive(),
  outputRange: z.tuple([z.number(), z.number()]),
  styles: z
    .array(z.object({ index: z.number().int().min(0), id: z.string().min(1), name: z.string().min(1) }))
    .min(1),
});
export type TextureSection = z.infer<typeof TextureSection>;

/** The texture generator's manifest section: its styles, sizes and latent grid. */
export const textureModelSection = defineModelSection({
  key: 'texture',
  schema: TextureSection,
  tasks: ['texture'],
  check(m, ctx) {
    if (!m.texture) {
      if (m.task === 'texture')
        ctx.addIssue({
          code: 'custom',
          path: ['texture'],
          message: 'a texture model needs a "texture" section',
        });
      return;
    }
    const k = m.texture.styles.length;
    const style = m.inputs.find((i) => i.name === 'style');
    if (!style || style.shape[1] !== k) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputs'],
        message: `a texture model needs a "style" input of shape [1, ${k}]`,
      });
    }
    if (!m.inputs.some((i) => i.name === 'noise')) {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a texture model needs a "noise" input' });
    }
  },
  status: (t) => ({ styles: t.styles, minSize: t.minSize, maxSize: t.maxSize, latentStride: t.latentStride }),
});
