"""The storefront: the home page and the pages about the marketplace itself."""
