"""Orders: the cart, checkout, one order split into one part per producer, stock reservation."""
