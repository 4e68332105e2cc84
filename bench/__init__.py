"""The benchmark (`make bench`): a tool, not the product, so it lives outside the product's packages."""
