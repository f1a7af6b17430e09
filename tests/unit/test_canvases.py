"""The MNIST canvases of notebook 10: boxes fit the ink, masks agree with the boxes, labels as MultiBox wants."""

import numpy as np

from helpers.canvases import make_canvases, resize_matrix, scaled
from helpers.data import load_arrays


def test_resizing_keeps_a_constant_image_constant_and_is_exact_at_the_same_size():
    assert np.allclose(resize_matrix(17).sum(axis=1), 1)
    digit = np.random.default_rng(0).random((28, 28)).astype(np.float32)
    assert np.allclose(scaled(digit, 28), digit)


def test_canvases_boxes_and_masks_agree():
    X, y = load_arrays("mnist", train=False)
    images, boxes, masks = make_canvases(X[:200].asnumpy(), y[:200].asnumpy(), 50, seed=3)
    assert images.shape == (50, 1, 64, 64) and boxes.shape == (50, 4, 5) and masks.shape == (50, 64, 64)
    counts = (boxes[:, :, 0] >= 0).sum(axis=1)
    assert counts.min() >= 1 and counts.max() <= 4 and len(set(counts)) > 1
    for image, rows, mask in zip(images, boxes, masks, strict=True):
        for c, x1, y1, x2, y2 in rows[rows[:, 0] >= 0] * [1, 64, 64, 64, 64]:
            assert 0 <= x1 < x2 <= 64 and 0 <= y1 < y2 <= 64 and 8 <= max(x2 - x1, y2 - y1) <= 34
            inside = mask[int(y1):int(y2), int(x1):int(x2)]
            assert (inside == c + 1).any(), "the digit's pixels carry its class"
            assert image[0, int(y1):int(y2), int(x1):int(x2)].max() > 0.5
        assert set(np.unique(mask)) <= {0} | {c + 1 for c in rows[rows[:, 0] >= 0, 0]}
    again = make_canvases(X[:200].asnumpy(), y[:200].asnumpy(), 50, seed=3)
    same = [np.array_equal(a, b) for a, b in zip(again, (images, boxes, masks), strict=True)]
    assert all(same), "same seed, same canvases"
