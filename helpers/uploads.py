"""A learner's own photo from a file-upload widget, decoded safely (notebook 09's "your own photo").

Uploaded bytes are untrusted: only JPEG and PNG are accepted, the file and the image are size-limited
(a small file can still claim a gigantic image: a "decompression bomb"), and every failure is a
ValueError with a one-line reason instead of a stack trace. A phone photo is turned the way its EXIF
orientation tag says (phones store it sideways), and a 16-bit PNG is scaled to 8 bits, not clipped.
"""

import io

import numpy as np
from mxnet import nd
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024     # 10 MB: any phone photo, nothing that would fill the kernel's memory
MAX_PIXELS = 40_000_000          # 40 megapixels
FORMATS = {"JPEG", "PNG"}


def rgb_pixels(image: Image.Image) -> np.ndarray:
    """(H, W, 3) uint8 pixels of any PIL image; 16-bit grey is scaled by 255/65535, not clipped at 255."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):            # how Pillow opens a 16-bit grey PNG
        grey = np.clip(np.asarray(image, dtype=np.float64) * 255 / 65535, 0, 255).round().astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
    return np.asarray(image.convert("RGB"))


def decode_image(data: bytes, filename: str = "the file") -> nd.NDArray:
    """The RGB pixels (H, W, 3, uint8) of a JPEG or PNG file's bytes; ValueError for anything else
    (what `image_from_upload` reads an upload with).
    """
    if len(data) == 0:
        raise ValueError(f"{filename} is empty")
    if len(data) > MAX_BYTES:
        raise ValueError(f"{filename} is {len(data) / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB")
    accept_truncated = ImageFile.LOAD_TRUNCATED_IMAGES   # some libraries switch this on for everyone
    ImageFile.LOAD_TRUNCATED_IMAGES = False             # a cut-off upload must fail, not be padded with grey
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise ValueError(f"{filename} is a {image.format} image; upload a JPEG or PNG photo")
            if image.width * image.height > MAX_PIXELS:
                raise ValueError(f"{filename} is {image.width}x{image.height} pixels; the limit is "
                                 f"{MAX_PIXELS // 1_000_000} megapixels")
            pixels = rgb_pixels(ImageOps.exif_transpose(image))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as err:
        raise ValueError(f"{filename} is not a JPEG or PNG image that can be read ({type(err).__name__})") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accept_truncated
    return nd.array(pixels, dtype="uint8")


def image_from_upload(value) -> tuple[str, nd.NDArray]:
    """(file name, pixels) of the file in an ipywidgets 8 FileUpload's `value`; ValueError if none.

    Introduced in notebook 09.
    """
    if not value:
        raise ValueError("no file uploaded yet")
    upload = value[0]
    return upload["name"], decode_image(bytes(upload["content"]), upload["name"])
