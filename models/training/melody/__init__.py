"""Melody VAE and melody LSTM (models/melody-vae/, models/melody-rnn/): run as `python3 -m melody.<script>`
from models/training."""
