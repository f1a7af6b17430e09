"""Notebook 10 · detection and segmentation: exercises, their checks and reference solutions."""

import numpy as np

from helpers.detection import iou as iou_matrix
from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def box_iou(a, b):
    """Intersection over union of two boxes (x1, y1, x2, y2)."""
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def random_boxes(rng, n):
    corner = rng.uniform(0, 50, (n, 2))
    return np.concatenate([corner, corner + rng.uniform(5, 30, (n, 2))], axis=1)


def check_box_iou(answer):
    rng = np.random.default_rng()
    boxes = random_boxes(rng, 6)
    pairs = [(boxes[0], boxes[0]), (boxes[0], boxes[0] + [100, 0, 100, 0])]      # the same box; far apart
    pairs += [(boxes[i], boxes[i + 1]) for i in range(5)]
    for a, b in pairs:
        same_values(answer(list(a), list(b)), iou_matrix(a[None], b[None])[0, 0],
                    f"boxes {np.round(a, 1).tolist()} and {np.round(b, 1).tolist()}")


def nms(boxes, scores, threshold):
    """Indices of the boxes kept by non-maximum suppression, best score first."""
    order, keep = list(np.argsort(scores)[::-1]), []
    while order:
        best = order.pop(0)
        keep.append(int(best))
        order = [i for i in order if box_iou(boxes[best], boxes[i]) <= threshold]
    return keep


def check_nms(answer):
    rng = np.random.default_rng()
    for threshold in (0.3, 0.5, 0.7):
        centres = random_boxes(rng, 3)
        boxes = np.concatenate([c + rng.normal(0, 3, (4, 4)) for c in centres])   # clusters of overlapping boxes
        boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
        scores = rng.uniform(0, 1, len(boxes))
        got, wanted = [int(i) for i in answer(boxes, scores, threshold)], nms(boxes, scores, threshold)
        if got != wanted:
            hint = " (same boxes, other order: best score first)" if sorted(got) == sorted(wanted) else ""
            raise Wrong(f"{len(boxes)} boxes, IoU threshold {threshold}: keep {wanted}, you kept {got}{hint}")


def class_iou(predicted, truth, cls):
    """IoU of one class's pixels in two masks: |both| / |either|."""
    p, t = predicted == cls, truth == cls
    return (p & t).sum() / (p | t).sum()


def check_class_iou(answer):
    rng = np.random.default_rng()
    truth = rng.integers(0, 3, (16, 16))
    predicted = np.where(rng.uniform(size=(16, 16)) < 0.7, truth, rng.integers(0, 3, (16, 16)))
    for cls in range(3):
        same_values(answer(predicted, truth, cls), class_iou(predicted, truth, cls),
                    f"class {cls} of random 16x16 masks")


define("10", "box_iou", "Write box_iou(a, b): intersection over union of two boxes given as (x1, y1, x2, y2).",
       check_box_iou,
       ("The intersection is a box too: the larger of the left edges to the smaller of the right edges, ...",
        "Boxes that don't overlap have width or height max(0, ...) = 0. Union = area a + area b - intersection."),
       box_iou, "1 for the same box, 0 for boxes that don't touch.")
define("10", "nms", "Write nms(boxes, scores, threshold): indices kept by non-maximum suppression, best first.",
       check_nms,
       ("Repeatedly take the best remaining box, and drop every remaining box that overlaps it too much.",
        "Sort indices by score (highest first); use your box_iou; 'too much' means IoU > threshold."),
       nms, "one box per object: the best, with its overlapping rivals suppressed.")
define("10", "class_iou", "Write class_iou(predicted, truth, cls): IoU of class `cls` between two masks.",
       check_class_iou,
       ("predicted == cls is a True/False mask; & is 'both', | is 'either'.",),
       class_iou, "averaged over the classes, this is the mean IoU of notebook 10's segmentation.")
