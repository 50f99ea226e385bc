from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def seed_path() -> Path:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds/ is absent (a user's clone): the real seed page is not available")
    return files[0]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the example project (mkdocs.yml, content/, templates/) to change freely."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def tree_hash(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- real browser
# Shared by tests/test_browser*.py: one build of the example site and one headless Chromium
# per session (Debian's chromium + chromedriver; selenium-manager is never consulted).

def _executable(default: str, name: str) -> str | None:
    if os.path.isfile(default) and os.access(default, os.X_OK):
        return default
    return shutil.which(name)


CHROMIUM = _executable("/usr/bin/chromium", "chromium")
CHROMEDRIVER = _executable("/usr/bin/chromedriver", "chromedriver")


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` over HTTP on a free 127.0.0.1 port; yields the base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output readable
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-http", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children.

    Tests that bound the work an input costs measure this, not the wall clock: a busy
    machine stretches wall time, never the work done (issue: flaky tests under load).
    """
    import resource
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example site, built once with `mkdocs build --strict` (search index included)."""
    out = tmp_path_factory.mktemp("browser-site")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, f"mkdocs build --strict failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    assert (out / "index.html").is_file()
    return out


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def driver():
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("browser tests need Debian chromium and chromedriver "
                    f"(chromium={CHROMIUM!r}, chromedriver={CHROMEDRIVER!r}); "
                    "install them with `apt-get install chromium chromium-driver`")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="digest-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                # Tests never reach the network (Material's Google Fonts link would wait on DNS).
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(arg)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        drv.set_window_size(1280, 900)
        drv.set_page_load_timeout(120)  # a bound on a hang only
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
