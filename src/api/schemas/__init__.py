"""Request and response schemas, one module per resource; shared shapes in ``common``."""
