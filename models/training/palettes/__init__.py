"""Atelier Palettes: a normalizing flow over 5-colour OKLab palettes (see README.md and models/palettes/CARD.md)."""
