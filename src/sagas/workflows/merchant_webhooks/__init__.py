"""MerchantWebhookDispatcherWorkflow: the one long-lived loop that delivers merchant events."""
