"""MTCNN's cascade: image pyramid, P-Net proposals, non-maximum suppression, R-Net, O-Net (notebook 10).

Boxes are numpy rows (x1, y1, x2, y2, score, ...) in pixels of the original image. The steps follow
facenet-pytorch's `detect_face`, whose outputs tests/unit/test_faces_cascade.py compares with ours.
"""

from dataclasses import dataclass, field

import numpy as np
from mxnet import nd


def pyramid_scales(height: int, width: int, min_face: int = 20, factor: float = 0.709) -> list[float]:
    """Scales at which P-Net's 12-pixel window sees faces from min_face pixels up to the whole image.

    Introduced in notebook 10.
    """
    scale, side, scales = 12 / min_face, min(height, width) * 12 / min_face, []
    while side >= 12:
        scales.append(scale)
        scale, side = scale * factor, side * factor
    return scales


def resize(images: nd.NDArray, size: tuple[int, int]) -> nd.NDArray:
    """Shrink (N, 3, H, W) images by averaging the pixels that fall into each output pixel (each pyramid level)."""
    return nd.contrib.AdaptiveAvgPooling2D(images, output_size=size)


def normalize(images: nd.NDArray) -> nd.NDArray:
    """Pixels 0..255 to about -1..1, as MTCNN was trained (every stage of the cascade)."""
    return (images - 127.5) * 0.0078125


def propose(image: nd.NDArray, pnet, scale: float, threshold: float) -> np.ndarray:
    """P-Net on the image shrunk by `scale`: a (K, 9) array of boxes, scores and box offsets.

    Introduced in notebook 10.
    """
    h, w = image.shape[2:]
    offsets, probs = pnet(normalize(resize(image, (int(h * scale + 1), int(w * scale + 1)))))
    ys, xs = np.nonzero(probs[0, 1].asnumpy() >= threshold)
    cells = np.stack([xs, ys], axis=1).astype(np.float32)  # each output cell is a 12x12 window, stride 2
    x1y1, x2y2 = np.floor((2 * cells + 1) / scale), np.floor((2 * cells + 12) / scale)
    scores = probs[0, 1].asnumpy()[ys, xs]
    return np.column_stack([x1y1, x2y2, scores, offsets[0].asnumpy()[:, ys, xs].T]).astype(np.float32)


def nms(boxes: np.ndarray, iou: float) -> np.ndarray:
    """Keep the best-scoring box and drop the others that overlap it by more than `iou`, repeatedly
    (MXNet's `box_nms`); the kept rows come back sorted by score.
    Introduced in notebook 10.
    """
    if len(boxes) == 0:
        return boxes
    kept = nd.contrib.box_nms(nd.array(boxes), overlap_thresh=iou, score_index=4, coord_start=0,
                              id_index=-1, valid_thresh=0, topk=-1).asnumpy()
    return kept[kept[:, 4] >= 0]


def nms_smaller(boxes: np.ndarray, overlap: float) -> np.ndarray:
    """NMS where overlap is measured against the smaller box, so a box inside a bigger one goes too."""
    order, keep = list(np.argsort(-boxes[:, 4], kind="stable")), []
    area = (boxes[:, 2] - boxes[:, 0] + 1) * (boxes[:, 3] - boxes[:, 1] + 1)
    while order:
        best, order = order[0], np.array(order[1:], dtype=int)
        keep.append(best)
        inter = [np.maximum(0, np.minimum(boxes[best, 2 + i], boxes[order, 2 + i]) -
                            np.maximum(boxes[best, i], boxes[order, i]) + 1) for i in (0, 1)]
        order = list(order[inter[0] * inter[1] / np.minimum(area[best], area[order]) <= overlap])
    return boxes[keep]


def shift(boxes: np.ndarray, offsets: np.ndarray, plus_one: bool = True) -> np.ndarray:
    """Move each box's edges by the network's offsets, given as fractions of the box's width and height."""
    size = boxes[:, 2:4] - boxes[:, 0:2] + (1 if plus_one else 0)
    moved = boxes.copy()
    moved[:, :4] = boxes[:, :4] + offsets * np.tile(size, 2)
    return moved


def to_square(boxes: np.ndarray) -> np.ndarray:
    """Grow each box to a square around its centre (the next network looks at square crops)."""
    side = np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1])
    squared = boxes.copy()
    squared[:, :2] = boxes[:, :2] + (boxes[:, 2:4] - boxes[:, :2] - side[:, None]) / 2
    squared[:, 2:4] = squared[:, :2] + side[:, None]
    return squared


def crops(image: nd.NDArray, boxes: np.ndarray, size: int) -> nd.NDArray:
    """The part of each box inside the image, resized to size x size, normalized: one batch."""
    h, w = image.shape[2:]
    corners = np.trunc(boxes[:, :4]).astype(int)
    x1, y1 = np.maximum(corners[:, 0], 1) - 1, np.maximum(corners[:, 1], 1) - 1
    x2, y2 = np.minimum(corners[:, 2], w), np.minimum(corners[:, 3], h)
    return normalize(nd.concat(*[resize(image[:, :, a:b, c:d], (size, size))
                                 for a, b, c, d in zip(y1, y2, x1, x2, strict=True)], dim=0))


@dataclass
class Faces:
    """What the cascade found: boxes (x1, y1, x2, y2), scores, landmarks (5 points as x, y), and the
    boxes that survived each stage, to draw the cascade.
    """

    boxes: np.ndarray
    scores: np.ndarray
    landmarks: np.ndarray
    stages: dict[str, np.ndarray] = field(default_factory=dict)


def detect_faces(photo: np.ndarray, nets, thresholds=(0.6, 0.7, 0.7), min_face: int = 20,
                 factor: float = 0.709, nms_iou: float = 0.7) -> Faces:
    """Run P-Net, R-Net and O-Net on an (H, W, 3) uint8 photo. Introduced in notebook 10."""
    pnet, rnet, onet = nets
    image = nd.array(photo.transpose(2, 0, 1)[None].astype(np.float32))
    scales = pyramid_scales(*photo.shape[:2], min_face, factor)  # none for a photo smaller than min_face
    per_scale = [propose(image, pnet, s, thresholds[0]) for s in scales] or [np.zeros((0, 9), np.float32)]
    stages = dict.fromkeys(("P-Net windows", "P-Net", "R-Net", "O-Net"), np.zeros((0, 5), np.float32))
    stages["P-Net windows"] = np.concatenate(per_scale)
    boxes = nms(np.concatenate([nms(b, 0.5) for b in per_scale]), nms_iou)
    boxes = stages["P-Net"] = to_square(shift(boxes, boxes[:, 5:9], plus_one=False)[:, :5])
    if len(boxes):
        offsets, probs = rnet(crops(image, boxes, 24))
        passed = probs[:, 1].asnumpy() > thresholds[1]
        boxes = np.column_stack([boxes[passed, :4], probs[:, 1].asnumpy()[passed], offsets.asnumpy()[passed]])
        boxes = nms(boxes, nms_iou)
        boxes = stages["R-Net"] = to_square(shift(boxes[:, :5], boxes[:, 5:9]))
    landmarks = np.zeros((0, 5, 2), np.float32)
    if len(boxes):
        offsets, points, probs = (out.asnumpy() for out in onet(crops(image, boxes, 48)))
        passed = probs[:, 1] > thresholds[2]
        boxes = np.column_stack([boxes[passed, :4], probs[passed, 1]])
        size = boxes[:, 2:4] - boxes[:, :2] + 1
        points = points[passed].reshape(-1, 2, 5).transpose(0, 2, 1) * size[:, None] + boxes[:, None, :2] - 1
        boxes = shift(boxes, offsets[passed])
        both = nms_smaller(np.column_stack([boxes, points.reshape(len(boxes), 10)]), 0.7)
        boxes, landmarks = both[:, :5], both[:, 5:15].reshape(-1, 5, 2)
        stages["O-Net"] = boxes
    return Faces(boxes[:, :4], boxes[:, 4], landmarks, stages)
