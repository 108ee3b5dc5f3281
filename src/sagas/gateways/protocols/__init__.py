"""The gateway protocols: one small interface per capability a saga needs from a PSP."""
