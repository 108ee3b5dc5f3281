"""The subscription saga: :mod:`.workflow`, :mod:`.models`, :mod:`.periods`."""
