"""Favourites and follows: saved products, followed shops and villages (with a digest of their new
products), and a signed-in buyer's recently viewed products."""
