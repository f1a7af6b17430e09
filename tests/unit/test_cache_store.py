"""helpers.cache.store (through the package's `cached_file`): seeding the cache from a folder laid out like
data/ never overwrites a file and never copies a bad one; a missing file says how to get it."""

from helpers import cache

import pytest

REL = "text/timemachine.txt"


@pytest.fixture
def mirror(tmp_path, private_cache, offline):
    (tmp_path / "mirror" / "text").mkdir(parents=True)
    (tmp_path / "mirror" / "text" / "timemachine.txt").write_bytes(
        (cache.PROJECT_ROOT / "data" / REL).read_bytes())
    return tmp_path / "mirror"


def test_seed_copies_verified_files(mirror):
    report = cache.seed_from_mirror(mirror)
    assert report[REL] == "copied" and report["mnist/train-images-idx3-ubyte.gz"] == "not in mirror"
    assert cache.cached_file(REL) == cache.data_root() / REL
    assert cache.seed_from_mirror(mirror)[REL] == "present"


def test_seed_never_overwrites_an_existing_file(mirror):
    target = cache.data_root() / REL
    target.parent.mkdir(parents=True)
    target.write_text("my own notes")
    assert cache.seed_from_mirror(mirror)[REL] == "present"
    assert target.read_text() == "my own notes"
    with pytest.raises(cache.CorruptFileError, match="was not used"):
        cache.cached_file(REL)


def test_seed_refuses_a_bad_mirror_copy(mirror):
    (mirror / "text" / "timemachine.txt").write_text("truncated")
    assert cache.seed_from_mirror(mirror)[REL] == "bad mirror copy"
    assert not (cache.data_root() / REL).exists()


def test_missing_file_error_says_how_to_get_it(mirror):
    with pytest.raises(cache.DataUnavailableError, match=r"(?s)images/dog.jpg.*ConnectionError.*"
                                                         r"python -m helpers.cache fetch images/dog.jpg"):
        cache.cached_file("images/dog.jpg")
