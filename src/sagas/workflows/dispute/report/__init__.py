"""What operators see of a dispute saga: state, NeedsAttention, search attributes, details."""
