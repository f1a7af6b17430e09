"""Uploaded photos: JPEG and PNG decode; anything else, or anything too big, is a one-line ValueError."""

from helpers import uploads

import io

import numpy as np
import pytest
from PIL import Image


def encoded(fmt: str, size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (size[1], size[0], len(mode)), dtype=np.uint8)
                    .squeeze(), mode).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_jpeg_and_png_decode_to_rgb_pixels(fmt):
    pixels = uploads.decode_image(encoded(fmt))
    assert pixels.shape == (30, 40, 3) and pixels.dtype == np.uint8


def test_a_grey_png_becomes_rgb():
    assert uploads.decode_image(encoded("PNG", mode="L")).shape == (30, 40, 3)


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"just some text, not a photo", "is not a JPEG or PNG image"),
    (encoded("PNG")[:60], "is not a JPEG or PNG image"),            # cut off
    (encoded("GIF"), "is a GIF image; upload a JPEG or PNG photo"),
    (b"x" * (uploads.MAX_BYTES + 1), "the limit is 10 MB"),
])
def test_anything_else_is_a_clear_error(data, message):
    with pytest.raises(ValueError, match=message):
        uploads.decode_image(data, "upload.bin")


def test_an_image_claiming_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 100)
    with pytest.raises(ValueError, match="40x30 pixels; the limit is 0 megapixels"):
        uploads.decode_image(encoded("PNG"), "big.png")


def test_the_widgets_value_gives_name_and_pixels():
    value = ({"name": "cat.jpg", "type": "image/jpeg", "size": 10, "content": memoryview(encoded("JPEG"))},)
    name, pixels = uploads.image_from_upload(value)
    assert name == "cat.jpg" and pixels.shape == (30, 40, 3)
    with pytest.raises(ValueError, match="no file uploaded yet"):
        uploads.image_from_upload(())


def test_a_cut_off_photo_fails_even_where_another_library_accepts_truncated_images(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)      # as some packages set it globally
    with pytest.raises(ValueError, match="is not a JPEG or PNG image"):
        uploads.decode_image(encoded("JPEG", size=(200, 200))[:800], "cut.jpg")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True                      # and the setting is put back
