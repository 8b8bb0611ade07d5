"""The shipped service files: the systemd unit passes `systemd-analyze verify`, and the image
builds where a Docker daemon answers. Each skips, saying why, where its tool is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "alertbot.service"
HARDENING = ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
             "PrivateDevices=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
             "ProtectKernelLogs=yes", "ProtectControlGroups=yes",
             "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "RestrictNamespaces=yes",
             "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
             "SystemCallFilter=@system-service", "CapabilityBoundingSet=\n",
             "ReadWritePaths=/var/lib/alertbot", "Restart=on-failure", "User=alertbot",
             "StateDirectory=alertbot", "EnvironmentFile=/etc/alertbot/alertbot.env")


def test_the_unit_is_hardened_and_never_holds_the_token() -> None:
    text = UNIT.read_text(encoding="utf-8")
    for line in HARDENING:
        assert line in text, line
    assert "DISCORD_TOKEN=" not in text.replace("DISCORD_TOKEN=...", "")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed here")
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    # verify checks that ExecStart's program exists: point it at this checkout's alertbot.
    alertbot = Path(sys.executable).with_name("alertbot")
    if not alertbot.exists():
        pytest.skip(f"no alertbot script beside {sys.executable}")
    unit = tmp_path / "alertbot.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(
        "ExecStart=/opt/alertbot/bin/alertbot", f"ExecStart={alertbot}"), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True, timeout=60, check=False)
    ours = [line for line in (result.stdout + result.stderr).splitlines() if str(unit) in line]
    assert result.returncode == 0 and ours == [], result.stdout + result.stderr


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20,
                              check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _docker_answers(), reason="no Docker daemon answers `docker info`")
def test_the_image_builds_and_its_healthcheck_is_alertbot_health() -> None:
    pulled = subprocess.run(["docker", "pull", "python:3.11-slim"], capture_output=True,
                            text=True, timeout=180, check=False)
    if pulled.returncode != 0:
        pytest.skip(f"the base image python:3.11-slim cannot be pulled (offline?): "
                    f"{pulled.stderr.strip()[:200]}")
    tag = "alertbot-test:latest"
    built = subprocess.run(["docker", "build", "-f", "deploy/Dockerfile", "-t", tag, "."],
                           cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    inspected = subprocess.run(
        ["docker", "image", "inspect", tag, "--format",
         "{{json .Config.Healthcheck.Test}} {{.Config.User}} {{json .Config.Volumes}}"],
        capture_output=True, text=True, timeout=60, check=True)
    assert '["CMD","alertbot","health"]' in inspected.stdout
    assert "alertbot" in inspected.stdout and "/data" in inspected.stdout
    # The image answers: the bot's own health check, on an empty volume, says "never ran".
    ran = subprocess.run(["docker", "run", "--rm", tag, "alertbot", "health"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 1 and "no database at /data/alertbot.db" in ran.stderr
