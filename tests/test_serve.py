"""`mkdocs serve`: live reload on content/ and templates/ changes, no rebuild loop."""
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from .conftest import tree_hash


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_reloads_on_changes_without_looping(project):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                             "--livereload"],
                            cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        assert wait_for(lambda: any("Serving on" in line for line in log)), "".join(log)
        url = f"http://127.0.0.1:{port}/"
        assert "Derniers numéros" in urllib.request.urlopen(url, timeout=10).read().decode()
        before = tree_hash(project / "content")
        time.sleep(3)  # a writing plugin would already be rebuilding here
        assert not any("Detected file changes" in line for line in log), "".join(log)

        (project / "templates/home.md.j2").write_text("# Changed home\n", encoding="utf-8")
        assert wait_for(lambda: "Changed home" in urllib.request.urlopen(url, timeout=10).read().decode())
        (project / "content/notes/edito-semaine.md").write_text(
            "---\ntitle: Nouvel édito\n---\nTexte.\n", encoding="utf-8")
        notes = url + "notes/"
        assert wait_for(lambda: "Nouvel édito" in urllib.request.urlopen(notes, timeout=10).read().decode())
        builds = sum("Detected file changes" in line for line in log)
        edited = tree_hash(project / "content")
        time.sleep(4)
        assert sum("Detected file changes" in line for line in log) == builds, "rebuild loop"
        # Serving wrote nothing into content/: only the editor's own change differs.
        assert tree_hash(project / "content") == edited
        assert {k for k in edited if edited[k] != before.get(k)} == {"notes/edito-semaine.md"}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
