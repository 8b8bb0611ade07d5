"""Measuring the matcher: a labelled set of texts and the figures ``alertbot eval`` prints."""
