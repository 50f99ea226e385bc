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


def wait_for(predicate, timeout=300.0):
    """Polls until the predicate holds; the timeout only bounds a hang, so it is generous."""
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


def start_serve(project, *options):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload",
                             *options], cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    return proc, log, f"http://127.0.0.1:{port}/"


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=10).read().decode()
    except OSError:
        return ""


def test_serve_dirty_renders_only_the_changed_pages_and_indexes_in_the_background(project):
    proc, log, url = start_serve(project, "--dirty")
    try:
        assert wait_for(lambda: any("Serving on" in line for line in log)), "".join(log)
        assert wait_for(lambda: fetch(url + "pagefind/pagefind-entry.json")), "".join(log)
        first = [line for line in log if "generated pages changed" in line]
        total = int(first[0].split(" of ")[1].split()[0])
        assert first[0].split("digest: ")[1].startswith(f"{total} of {total}")

        note = project / "content" / "notes" / "hydrogene-contexte.md"  # attached to one digest
        note.write_text(note.read_text("utf-8") + "\nUne précision de la rédaction.\n", encoding="utf-8")
        digest = url + "digests/hydrogene-vert-tanger/"
        assert wait_for(lambda: "Une précision de la rédaction." in fetch(digest)), "".join(log)
        assert wait_for(lambda: len([ln for ln in log if "generated pages changed" in ln]) >= 2)
        second = [line for line in log if "generated pages changed" in line][1]
        changed = int(second.split("digest: ")[1].split(" of ")[0])
        assert 1 <= changed <= 3, second  # the digest page (and listings that show the note), not the site
        # Unchanged pages are still served, whole, from the first build.
        assert "</html>" in fetch(url + "glossary/") and "</html>" in fetch(url)
        # The search index follows in the background and still holds every digest.
        assert wait_for(lambda: sum("search index updated in the background" in ln for ln in log) >= 2)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
