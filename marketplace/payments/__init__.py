"""Payments: providers behind one interface, Stripe webhooks, bank transfers, the payout ledger."""
