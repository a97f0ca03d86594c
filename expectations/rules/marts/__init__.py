"""Marts: the numbers management reads, checked before anyone can see them."""
