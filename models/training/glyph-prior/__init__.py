"""A normalizing-flow prior over the glyph VAE's latent space (models/glyphs-prior/); see README.md."""
