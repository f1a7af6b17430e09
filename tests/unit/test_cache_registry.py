"""helpers.cache.registry: every file of the course has a source (or a build), a license and checksums."""

from helpers.cache import registry


def test_every_registry_entry_has_a_source_and_a_license():
    for item in registry.FILES:
        assert item.license and (item.sources or item.build), item.path
        assert all(len(s) == 40 for s in item.sha1), item.path
        assert all(url.startswith(("https://", "http://")) for url in item.sources), item.path
