"""An honest OpenAPI document: every status an operation can answer, in the error shape."""
