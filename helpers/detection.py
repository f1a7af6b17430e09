"""Boxes: overlap (IoU), average precision, mean IoU of masks, and drawing (notebook 10).

A box is (x1, y1, x2, y2) with x1 < x2, y1 < y2, in any unit as long as all boxes share it.
"""

import numpy as np
from matplotlib import patches


def iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Intersection over union of every box in a (N, 4) with every box in b (M, 4): an (N, M) array.

    Introduced in notebook 10.
    """
    a, b = np.asarray(a, float)[:, None, :4], np.asarray(b, float)[None, :, :4]
    inter = np.prod(np.clip(np.minimum(a[..., 2:], b[..., 2:]) - np.maximum(a[..., :2], b[..., :2]), 0, None), -1)
    area = lambda box: np.prod(box[..., 2:] - box[..., :2], -1)  # noqa: E731
    return inter / np.maximum(area(a) + area(b) - inter, 1e-12)


def average_precision(detections: list[np.ndarray], truths: list[np.ndarray], threshold: float = 0.5) -> float:
    """Area under the precision-recall curve of one class, over all recall points.

    detections[i]: (K, 5) rows (score, x1, y1, x2, y2) for image i; truths[i]: (M, 4) boxes. Best scores
    first, a detection is right when the best-overlapping true box *not yet matched* has IoU >= threshold
    (COCO's matching; Pascal VOC instead takes the best-overlapping box and counts a second detection
    of it as a false positive).
    """
    total = sum(len(t) for t in truths)
    if total == 0:
        return float("nan")
    found = [(d[0], i, d[1:]) for i, ds in enumerate(detections) for d in ds]
    found.sort(key=lambda f: -f[0])
    matched = [np.zeros(len(t), bool) for t in truths]
    hits = np.zeros(len(found))
    for k, (_, i, box) in enumerate(found):
        if len(truths[i]):
            overlaps = iou(box[None], truths[i])[0]
            best = int(np.argmax(np.where(matched[i], -1, overlaps)))
            if overlaps[best] >= threshold and not matched[i][best]:
                matched[i][best], hits[k] = True, 1
    recall = np.concatenate([[0], np.cumsum(hits) / total])
    precision = np.concatenate([[1], np.cumsum(hits) / np.arange(1, len(found) + 1)])
    precision = np.maximum.accumulate(precision[::-1])[::-1]  # the best precision at this recall or more
    return float(np.sum(np.diff(recall) * precision[1:]))


def mean_average_precision(detections: list[np.ndarray], truths: list[np.ndarray], classes: int,
                           threshold: float = 0.5) -> float:
    """mAP: average precision per class, averaged over the classes that occur.

    detections[i]: (K, 6) rows (class, score, x1, y1, x2, y2); truths[i]: (M, 5) rows (class, x1, y1, x2, y2).
    Introduced in notebook 10.
    """
    scores = []
    for c in range(classes):
        ap = average_precision([d[d[:, 0] == c, 1:] for d in detections], [t[t[:, 0] == c, 1:] for t in truths],
                               threshold)
        if not np.isnan(ap):
            scores.append(ap)
    return float(np.mean(scores))


def mean_iou(predicted: np.ndarray, truth: np.ndarray, classes: int) -> float:
    """Mean over classes of |predicted ∩ true pixels| / |predicted ∪ true pixels| (classes that occur).

    Introduced in notebook 10.
    """
    scores = []
    for c in range(classes):
        union = np.sum((predicted == c) | (truth == c))
        if union:
            scores.append(np.sum((predicted == c) & (truth == c)) / union)
    return float(np.mean(scores))


def draw_boxes(ax, boxes, labels=(), color: str = "lime", linewidth: float = 1.5) -> None:
    """Draw boxes (x1, y1, x2, y2, in the image's pixels) on a matplotlib axis, with optional labels.

    Introduced in notebook 10.
    """
    for k, (x1, y1, x2, y2) in enumerate(np.asarray(boxes, float).reshape(-1, 4)):
        ax.add_patch(patches.Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, color=color, linewidth=linewidth))
        if k < len(labels):
            ax.text(x1, y1, labels[k], color="black", fontsize=8, va="bottom",
                    bbox={"facecolor": color, "alpha": 0.8, "pad": 1, "linewidth": 0})
