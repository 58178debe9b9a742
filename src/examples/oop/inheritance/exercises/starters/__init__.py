"""Starters: copy one, fill it in, and run its checks on your copy."""
