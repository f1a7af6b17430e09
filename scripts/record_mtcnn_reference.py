"""Record what the reference MTCNN (facenet-pytorch 2.6.0) finds on the course's photos,
for tests/unit/test_faces_cascade.py.

Run once, when converting, in a scratch environment that is NOT the course's (it needs PyTorch):

    python3.11 -m venv /tmp/ref && /tmp/ref/bin/pip install torch==2.13.0 pillow numpy requests tqdm
    /tmp/ref/bin/pip install --no-deps facenet-pytorch==2.6.0
    /tmp/ref/bin/python scripts/record_mtcnn_reference.py data > tests/data/mtcnn_reference.json

facenet-pytorch imports torchvision only for `batched_nms` and `to_tensor`; torchvision's wheel does not
import beside this torch, so this script puts in a minimal stand-in for both (torchvision's own
algorithm: greedy NMS by score, IoU from (x2 - x1) * (y2 - y1) areas) before importing facenet-pytorch.
"""

import json
import sys
import types
from pathlib import Path

import numpy as np
import torch
from PIL import Image

PHOTOS = ["images/astronaut.png", "images/camera.png", "images/street_small.jpg", "images/mt_baker.jpg",
          "images/chelsea.png", "images/dog.jpg"]


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou: float) -> torch.Tensor:
    """torchvision.ops.nms: keep boxes in order of score, dropping those overlapping a kept one by > iou."""
    x1, y1, x2, y2 = boxes.unbind(1)
    area, keep = (x2 - x1) * (y2 - y1), []
    dropped = torch.zeros(len(boxes), dtype=torch.bool)
    for i in torch.argsort(scores, descending=True, stable=True).tolist():
        if not dropped[i]:
            keep.append(i)
            inter = ((torch.minimum(x2[i], x2) - torch.maximum(x1[i], x1)).clamp(min=0) *
                     (torch.minimum(y2[i], y2) - torch.maximum(y1[i], y1)).clamp(min=0))
            dropped |= inter / (area[i] + area - inter) > iou
    return torch.as_tensor(keep, dtype=torch.long)


def batched_nms(boxes, scores, groups, iou):
    """torchvision.ops.boxes.batched_nms: NMS within each group, by shifting groups apart."""
    if boxes.numel() == 0:
        return torch.empty((0,), dtype=torch.long)
    return nms(boxes + (groups.to(boxes) * (boxes.max() + 1))[:, None], scores, iou)


def install_torchvision_stand_in() -> None:
    """Just enough of torchvision for facenet_pytorch to import and detect."""
    modules = {name: types.ModuleType(name) for name in
               ("torchvision", "torchvision.ops", "torchvision.ops.boxes", "torchvision.transforms",
                "torchvision.transforms.functional")}
    modules["torchvision.ops.boxes"].batched_nms = batched_nms
    to_tensor = lambda a: torch.as_tensor(np.asarray(a)).permute(2, 0, 1) / 255  # noqa: E731
    modules["torchvision.transforms.functional"].to_tensor = to_tensor
    modules["torchvision.transforms"].functional = modules["torchvision.transforms.functional"]
    sys.modules.update(modules)


def main(cache: Path) -> dict:
    install_torchvision_stand_in()
    from facenet_pytorch import MTCNN

    mtcnn = MTCNN(keep_all=True, select_largest=False)
    found = {}
    for photo in PHOTOS:
        boxes, probs, points = mtcnn.detect(Image.open(cache / photo).convert("RGB"), landmarks=True)
        none = boxes is None
        found[photo] = {"boxes": [] if none else np.asarray(boxes, float).round(3).tolist(),
                        "scores": [] if none else [round(float(p), 6) for p in probs],
                        "landmarks": [] if none else np.asarray(points, float).round(3).tolist()}
    return {"made_with": f"facenet-pytorch 2.6.0, torch {torch.__version__}, scripts/record_mtcnn_reference.py",
            "photos": found}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), indent=1))
