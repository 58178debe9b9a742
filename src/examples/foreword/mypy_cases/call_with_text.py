"""Calling the endpoint function directly, with text where it wants an int."""

from examples.foreword.orders import read_order

order = read_order("seven")
