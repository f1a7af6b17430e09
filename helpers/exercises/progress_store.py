"""The learner's exercise progress: a small JSON file in the user's cache folder, never in the repository.

{"02/softmax": "solved", ...}. Written atomically; an unreadable file counts as empty and is left alone.
"""

import json
import os
import re
import tempfile
from pathlib import Path

STATUSES = ("solved", "attempted")
KEY = re.compile(r"^\d\d/\w+$")          # "02/softmax": a notebook number and an exercise name


IN_CACHE_FOLDER = Path("dl-course") / "progress.json"     # inside the user's cache folder (~/.cache)


def progress_file() -> Path:
    """$DL_COURSE_PROGRESS, else $XDG_CACHE_HOME/dl-course/progress.json, else ~/.cache/dl-course/."""
    if os.environ.get("DL_COURSE_PROGRESS"):
        return Path(os.environ["DL_COURSE_PROGRESS"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / IN_CACHE_FOLDER


def parse_progress(text: str) -> dict[str, str]:
    """The entries of a progress file's text; ValueError unless it is one (a JSON object of "NN/name": status)."""
    data = json.loads(text)
    if not isinstance(data, dict) or not data.keys() <= {k for k in data if isinstance(k, str) and KEY.match(k)}:
        raise ValueError("not an exercise progress file (expected {\"NN/name\": \"solved\" | \"attempted\"})")
    if any(status not in STATUSES for status in data.values()):
        raise ValueError(f"unknown status in a progress file (expected one of {STATUSES})")
    return data


def read_progress() -> dict[str, str]:
    """{"02/softmax": "solved", ...}; an unreadable file counts as empty (and is left alone)."""
    try:
        return parse_progress(progress_file().read_text())
    except (OSError, ValueError):
        return {}


_warned = False


def record(key: str, status: str) -> None:
    """Save `status` for the exercise; "solved" is never downgraded. A read-only home gives a note, not an error.
    """
    global _warned
    path = progress_file()
    saved = read_progress()
    if saved.get(key) == "solved" or saved.get(key) == status:
        return
    saved[key] = status
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            json.dump(saved, tmp, indent=1, sort_keys=True)
        os.replace(tmp.name, path)
    except OSError as error:
        if not _warned:
            print(f"(progress not saved: {error.strerror or error} for {path}; set DL_COURSE_PROGRESS to a "
                  "writable file to keep it)")
            _warned = True
