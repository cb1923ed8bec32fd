"""Property-based requests on the write operations (a module of its own: the longest test of the
suite, so that pytest-xdist can run it beside the other end-to-end tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_schemathesis_on_the_write_endpoints_with_a_token(writable_live_server):
    """Schemathesis on the write operations with a valid token: random writes are accepted or refused with
    a 4xx, never a 500 (bounded: 8 examples per operation, 90 s at most: a write takes 1–4 s)."""
    command = [str(Path(sys.executable).parent / "schemathesis"), "run", writable_live_server + "/openapi.json",
               "--checks", "not_a_server_error", "--include-tag", "Schrijven", "-H", "Authorization: Bearer fuzz",
               "--max-examples", "8", "--max-time", "60", "--seed", "20261123", "--request-timeout", "60"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
