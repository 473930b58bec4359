"""Text model, Atelier Verse (models/text/), and the tiny Optimum fixtures: run as `python3 -m text.<script>` from
models/training."""
