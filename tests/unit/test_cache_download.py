"""helpers.cache.download: the real download code against a loopback server: sources in order,
verification, atomic install, clear errors, nothing overwritten, nothing left behind. No test here
reaches the internet."""

from helpers import cache, data

import gzip
import hashlib
import os
import tempfile

import pytest

from helpers.cache import cli, download, registry
from helpers.cache.registry import DataFile

TEXT = "text/timemachine.txt"
BOOK = (cache.PROJECT_ROOT / "data" / TEXT).read_bytes()  # the project's verified copy


def book_entry(*urls: str) -> DataFile:
    """The Time Machine's registry entry with other sources."""
    real = registry.entry(TEXT)
    return DataFile(real.path, real.group, real.size, real.sha1, real.license, urls)


def files_in(folder) -> list[str]:
    """Every name in a folder tree, hidden temporary files included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_an_empty_cache_is_filled_from_the_mirror_url(private_cache, web, monkeypatch, capsys):
    web.files[f"/data/{TEXT}"] = BOOK
    for item in registry.GROUPS["photos"]:
        web.files[f"/data/{item.path}"] = (cache.PROJECT_ROOT / "data" / item.path).read_bytes()
    monkeypatch.setenv("DL_COURSE_MIRROR_URL", f"{web.url}/data/")
    assert cli.main(["fetch", "timemachine", "photos"]) == 0
    assert f"fetched {TEXT} (179.0 kB) from {web.url}/data/{TEXT}" in capsys.readouterr().out
    assert cache.cached_file(TEXT).read_bytes() == BOOK
    assert cli.main(["verify"]) == 1  # the data sets are still missing: verify says so
    assert "ok       images/chelsea.png" in capsys.readouterr().out
    assert files_in(private_cache) == ["images", *sorted(i.path for i in registry.GROUPS["photos"]), "text", TEXT]


def test_a_404_falls_through_to_the_next_source(private_cache, web):
    web.files["/good/book.txt"] = BOOK
    assert download.fetch(book_entry(f"{web.url}/missing/book.txt", f"{web.url}/good/book.txt")).read_bytes() == BOOK
    assert web.requests == ["/missing/book.txt", "/good/book.txt"]


def test_a_corrupt_body_is_rejected_and_the_next_source_used(private_cache, web):
    web.files["/bad/book.txt"] = BOOK[:-5] + b"XXXXX"
    web.files["/good/book.txt"] = BOOK
    download.fetch(book_entry(f"{web.url}/bad/book.txt", f"{web.url}/good/book.txt"))
    assert cache.cached_file(TEXT).read_bytes() == BOOK
    assert files_in(private_cache) == ["text", TEXT]


def test_a_connection_cut_mid_file_leaves_nothing(private_cache, web):
    web.files["/cut/book.txt"] = (BOOK, 50_000)
    with pytest.raises(cache.DataUnavailableError, match="cut/book.txt: .*(cut short|ChunkedEncodingError|Connection)"):
        download.fetch(book_entry(f"{web.url}/cut/book.txt"))
    assert files_in(private_cache) == ["text"]  # no partial file, no temporary file


def test_when_every_source_fails_the_message_lists_them(private_cache, web):
    web.files["/bad/book.txt"] = b"not the book"
    with pytest.raises(cache.DataUnavailableError) as err:
        download.fetch(book_entry(f"{web.url}/nowhere/book.txt", f"{web.url}/bad/book.txt", "https://example.org/b"))
    message = str(err.value)
    assert f"{web.url}/nowhere/book.txt: HTTP 404" in message
    assert f"{web.url}/bad/book.txt: wrong checksum" in message
    assert "https://example.org/b: ConnectionError" in message
    assert f"copy the file to {private_cache / TEXT}" in message


def test_a_read_only_cache_folder_gives_a_clear_error(private_cache, web, monkeypatch):
    web.files["/good/book.txt"] = BOOK
    (private_cache / "text").mkdir(parents=True)
    (private_cache / "text").chmod(0o555)
    if os.geteuid() == 0:  # root ignores permissions: fail the way a read-only folder does
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(cache.DataUnavailableError, match=r"Cannot write to the cache folder .*DL_COURSE_DATA"):
            download.fetch(book_entry(f"{web.url}/good/book.txt"))
    finally:
        (private_cache / "text").chmod(0o755)
    assert web.requests == []


def test_an_existing_file_is_never_downloaded_again_or_overwritten(private_cache, web, monkeypatch):
    web.files[f"/data/{TEXT}"] = BOOK
    monkeypatch.setenv("DL_COURSE_MIRROR_URL", f"{web.url}/data")
    (private_cache / "text").mkdir(parents=True)
    (private_cache / TEXT).write_text("my own notes")
    with pytest.raises(cache.CorruptFileError, match="was not used"):
        cache.cached_file(TEXT)
    assert cli.main(["fetch", "timemachine"]) == 0
    assert (private_cache / TEXT).read_text() == "my own notes" and web.requests == []


def test_gzip_data_is_verified_by_its_content(private_cache, web, monkeypatch):
    """Zalando's and Debian's Fashion-MNIST differ in their gzip bytes only: both must be accepted."""
    name = "fashion-mnist/t10k-labels-idx1-ubyte.gz"
    content = gzip.decompress((cache.PROJECT_ROOT / "data" / name).read_bytes())
    recompressed = gzip.compress(content, compresslevel=9, mtime=1234)
    assert recompressed != (cache.PROJECT_ROOT / "data" / name).read_bytes()
    web.files[f"/data/{name}"] = recompressed
    web.files["/data/fashion-mnist/t10k-images-idx3-ubyte.gz"] = (
        cache.PROJECT_ROOT / "data/fashion-mnist/t10k-images-idx3-ubyte.gz").read_bytes()
    monkeypatch.setenv("DL_COURSE_MIRROR_URL", f"{web.url}/data")
    X, y = data.load_arrays("fashion-mnist", train=False)  # MXNet's class reads them, downloads nothing more
    assert X.shape == (10000, 1, 28, 28) and y[:3].asnumpy().tolist() == [9, 2, 1]
    assert (private_cache / name).read_bytes() == recompressed
    web.files[f"/data/{name}"] = gzip.compress(content[:-1] + b"\x07")  # same size, other content
    (private_cache / name).unlink()
    with pytest.raises(cache.DataUnavailableError, match="wrong checksum"):
        cache.cached_file(name)


def test_mnist_through_mxnets_class_from_an_empty_cache(private_cache, web, monkeypatch):
    for f in data.IDX_FILES[False]:
        web.files[f"/data/mnist/{f}"] = (cache.PROJECT_ROOT / "data" / "mnist" / f).read_bytes()
    monkeypatch.setenv("DL_COURSE_MIRROR_URL", f"{web.url}/data")
    test_set = data.load_dataset("mnist", train=False)
    assert isinstance(test_set, data.vision.MNIST) and len(test_set) == 10000 and test_set[0][1] == 7
    assert sorted(web.requests) == sorted(f"/data/mnist/{f}" for f in data.IDX_FILES[False])


def test_a_build_step_installs_only_verified_files(private_cache, offline, tmp_path, monkeypatch, capsys):
    """A build script (run as `script --out PREFIX`) that makes two registry files at once."""
    script = tmp_path / "build.py"
    template = ("import sys, pathlib\nfolder = pathlib.Path(sys.argv[2]).parent\n"
                "(folder / 'a.txt').write_text('A')\n(folder / 'b.txt').write_text('CONTENT')\n")
    sha1 = {text: hashlib.sha1(text.encode()).hexdigest() for text in "AB"}
    a = DataFile("built/a.txt", "built", 1, (sha1["A"],), "", build=str(script))
    b = DataFile("built/b.txt", "built", 1, (sha1["B"],), "", build=str(script))
    original = list(registry.FILES)
    registry.FILES[:] = original + [a, b]  # the same list object as store's and download's FILES
    try:
        script.write_text(template.replace("CONTENT", "not B"))
        with pytest.raises(cache.DataUnavailableError, match="made no known version of b.txt"):
            download.fetch(a)
        assert files_in(private_cache) == ["built"]  # neither file installed, the build folder removed
        script.write_text(template.replace("CONTENT", "B"))
        monkeypatch.setitem(registry.GROUPS, "built", [a, b])
        assert cli.main(["fetch", "built"]) == 0
        assert (private_cache / "built/a.txt").read_text() == "A" and (private_cache / "built/b.txt").read_text() == "B"
        assert files_in(private_cache) == ["built", "built/a.txt", "built/b.txt"]
        report = capsys.readouterr().out  # one build made both files: both are reported, with their sizes
        assert f"fetched built/a.txt (0.0 kB) built with {script}" in report and "built/b.txt" in report
    finally:
        registry.FILES[:] = original


def test_a_zoo_file_comes_from_the_mirror_before_gluoncvs_download(private_cache, web, monkeypatch):
    item = registry.entry(f"models/gluoncv/{registry.ZOO_MODEL}-eaa44578.params")
    with pytest.raises(cache.DataUnavailableError, match=r"GluonCV's download failed \(.*ConnectionError"):
        download.fetch(item)  # offline: GluonCV's own download is tried, and fails clearly
    assert files_in(private_cache) == ["models", "models/gluoncv"]  # no zip or lock left behind
    web.files[f"/m/{item.path}"] = b"weights"
    fake = DataFile(item.path, item.group, None, (hashlib.sha1(b"weights").hexdigest(),), "", zoo=item.zoo)
    monkeypatch.setenv("DL_COURSE_MIRROR_URL", f"{web.url}/m")
    assert download.fetch(fake).read_bytes() == b"weights"
