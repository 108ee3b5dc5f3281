"""WebhookRetentionWorkflow: sweeping the webhook audit log past its retention, in batches."""
