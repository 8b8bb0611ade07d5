"""Fixtures shared by the reliability tests (hostile sources, hostile input, faults)."""
