"""The compiled part of the matcher (Cython); everything else is declared in pyproject.toml.

``pip install -e .`` builds the extensions in place, beside their .pyx sources.
"""

from Cython.Build import cythonize
from setuptools import setup

setup(ext_modules=cythonize("bot/matching/*.pyx", language_level=3))
