"""Typical wrong answers, which the checks must reject."""
