"""The subscription saga's typed inputs, results and state: pure data, no I/O."""
