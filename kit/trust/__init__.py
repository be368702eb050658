"""Judging trust: the bank of short items, the trust sorter, the transfer test and its signal-detection scores."""
