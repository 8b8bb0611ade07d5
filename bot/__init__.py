"""alertbot: follow developing news events region by region, on Discord."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/alertbot/alertbot"
USER_AGENT = f"alertbot/{__version__} (+{PROJECT_URL})"
