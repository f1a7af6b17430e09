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


def test_a_phone_photo_is_turned_the_way_its_exif_tag_says():
    """Phones store the sensor's landscape pixels and an orientation tag: 6 means 'turn 90° clockwise'."""
    landscape = np.zeros((40, 60, 3), np.uint8)
    landscape[:, :30] = 255                                  # left half white
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    Image.fromarray(landscape).save(buffer, "JPEG", exif=exif, quality=95)
    pixels = uploads.decode_image(buffer.getvalue()).asnumpy()
    assert pixels.shape == (60, 40, 3)                       # upright: taller than wide
    assert pixels[:25].mean() > 200 and pixels[35:].mean() < 50   # the white half is now on top


def test_a_16_bit_png_is_scaled_not_washed_out():
    ramp = np.linspace(0, 65535, 30 * 40).reshape(30, 40).astype(np.uint16)
    buffer = io.BytesIO()
    Image.fromarray(ramp).save(buffer, "PNG")
    assert Image.open(io.BytesIO(buffer.getvalue())).mode.startswith("I")   # a 16-bit image, as phones' PNGs
    pixels = uploads.decode_image(buffer.getvalue()).asnumpy()
    assert pixels.shape == (30, 40, 3) and pixels.dtype == np.uint8
    assert abs(pixels.mean() - 127.5) < 1.5                  # clipping at 255 would give a mean of ~250
    assert pixels[0, 0, 0] == 0 and pixels[-1, -1, 0] == 255
