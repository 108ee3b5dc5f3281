"""The pure domain core: money, pricing, custom data, discounts, normalized PSP events.

Nothing here does I/O, reads the clock or draws randomness, so workflow code may import it.
"""
