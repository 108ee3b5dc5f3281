"""The subscription saga: :mod:`.workflow`, :mod:`.messages`, :mod:`.periods`."""
