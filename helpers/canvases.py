"""A detection and segmentation data set made from MNIST: canvases with 1-4 digits (notebook 10).

Each digit is scaled to a random size and put at a random place where it barely overlaps the others, so
every box and every pixel's class is known exactly. Labels follow MXNet's MultiBox operators: one row
(class, x1, y1, x2, y2) per digit, corners as fractions of the canvas, rows of -1 as padding.
"""

import numpy as np

from helpers.detection import iou


def resize_matrix(side: int, source: int = 28) -> np.ndarray:
    """A (side, source) matrix M such that M @ image @ M.T resizes a square image bilinearly."""
    centres = np.clip((np.arange(side) + 0.5) * source / side - 0.5, 0, source - 1)
    low = np.floor(centres).astype(int)
    high, frac = np.minimum(low + 1, source - 1), centres - low
    m = np.zeros((side, source))
    m[np.arange(side), low] += 1 - frac
    m[np.arange(side), high] += frac
    return m


def scaled(digit: np.ndarray, side: int) -> np.ndarray:
    """A 28x28 digit resized to side x side."""
    m = resize_matrix(side)
    return (m @ digit @ m.T).astype(np.float32)


def ink_box(patch: np.ndarray, x: int, y: int) -> list[float]:
    """The tight box (x1, y1, x2, y2) around a placed digit's ink, in canvas pixels."""
    rows, cols = np.nonzero(patch > 0.3)
    return [x + cols.min(), y + rows.min(), x + cols.max() + 1, y + rows.max() + 1]


def make_canvases(digits: np.ndarray, labels: np.ndarray, count: int, size: int = 64, sizes=(16, 34),
                  max_digits: int = 4, seed: int = 0):
    """`count` canvases (count, 1, size, size), their labels (count, max_digits, 5) and pixel masks
    (count, size, size) where 0 is background and 1 + d is digit d.
    Introduced in notebook 10.
    """
    rng = np.random.default_rng(seed)
    images = np.zeros((count, 1, size, size), np.float32)
    masks = np.zeros((count, size, size), np.float32)
    boxes = -np.ones((count, max_digits, 5), np.float32)
    for n in range(count):
        placed = []
        for _ in range(rng.integers(1, max_digits + 1)):
            for _attempt in range(20):
                side = int(rng.integers(*sizes))
                x, y = rng.integers(0, size - side + 1, size=2)
                pick = rng.integers(len(digits))
                patch = scaled(digits[pick].reshape(28, 28), side)
                box = ink_box(patch, x, y)
                if all(iou(np.array([box]), np.array([b[1:]]))[0, 0] < 0.05 for b in placed):
                    break
            else:
                continue
            canvas = images[n, 0, y:y + side, x:x + side]
            np.maximum(canvas, patch, out=canvas)
            masks[n, y:y + side, x:x + side][patch > 0.5] = labels[pick] + 1
            placed.append([labels[pick], *box])
        boxes[n, :len(placed)] = np.array(placed) / [1, size, size, size, size]
    return images, boxes, masks
