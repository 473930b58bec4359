"""Seamless texture generator (models/texture/): run its scripts as `python3 -m texture.<script>` from models/training."""
