# The compiled folding of every update (fold.pyx); bot.matching.text re-exports both.
def prepare(text: str) -> str:
    """The text to report terms from: NFC, so that a letter and its accent are one character."""

def fold(text: str) -> str:
    """Lower-case, accent-free, letters and digits only; ``len(fold(t)) == len(t)``."""
