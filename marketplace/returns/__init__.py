"""Returns and disputes: a buyer asks to return delivered products, the producer answers, staff decide."""
