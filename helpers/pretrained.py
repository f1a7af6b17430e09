"""Pretrained models by name, the way users load them (notebook 09).

GluonCV's model zoo when its weights are in the cache (or downloadable); else a model exported in
MXNet's symbol+params format, fetched into the cache like any other file (data/README.md).
"""

import json
import warnings
from pathlib import Path

import mxnet as mx
import numpy as np
from gluoncv import model_zoo
from gluoncv.model_zoo import model_store
from mxnet import gluon, image, nd

from helpers.cache import DataUnavailableError, cache_path, cached_file, how_to_get, registry
from helpers.cache.download import fetch
from helpers.cache.registry import BY_PATH, EXPORTED_MODELS, ZOO_FOLDER, ZOO_MODEL, DataFile, zoo_file

DETECTOR, SEGMENTER = registry.DETECTOR, registry.SEGMENTER     # GluonCV's names of notebook 10's two models

MXNET_VERSION = int("".join(f"{int(part):02d}" for part in mx.__version__.split(".")[:3]))  # 1.9.1 -> 10901
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class ModelUnavailableError(DataUnavailableError):
    """Neither the model zoo nor the cache can provide the weights; the message says what to do.

    Introduced in notebook 10 (GluonCV's detector and segmenter, when their weights can't be had).
    """


def zoo_root() -> Path:
    """Where GluonCV's model store keeps <name>-<hash>.params files for the course."""
    return cache_path(ZOO_FOLDER)


def zoo_entry(name: str) -> DataFile:
    """The cache entry of a model-zoo file: the registry's, or one made from GluonCV's own sha1 table."""
    made = zoo_file(name, model_store._model_sha1[name])
    return BY_PATH.get(made.path, made)


def zoo_weights_cached(name: str) -> bool:
    """True if the model store file for `name` is already in the cache (no download needed)."""
    return name in model_store._model_sha1 and cache_path(zoo_entry(name)).is_file()


def import_export(symbol: Path, params: Path, ctx: mx.Context) -> gluon.SymbolBlock:
    """`gluon.SymbolBlock.imports` for a graph saved by any MXNet: GluonCV's CIFAR-10 exports were saved by a
    2.0 development build, whose version stamp makes 1.9.1 print a C++ warning; their operators all exist in
    1.9.1 (tests check their predictions), so the stamp is set to the running version before loading.
    """
    graph = json.loads(symbol.read_text())
    graph.setdefault("attrs", {})["mxnet_version"] = ["int", MXNET_VERSION]
    with warnings.catch_warnings():  # "Cannot decide type for the following arguments": harmless
        warnings.simplefilter("ignore", UserWarning)
        net = gluon.SymbolBlock(mx.sym.load_json(json.dumps(graph)), mx.sym.var("data"))
    net.collect_params().load(str(params), ctx=ctx)
    return net


def load(name: str, ctx: mx.Context | None = None, allow_download: bool = True) -> gluon.HybridBlock:
    """A pretrained network: `model_zoo.get_model(name, pretrained=True, root=data/models/gluoncv)` if its
    weights are cached, else the cached export, else (if allowed) the zoo's download, mirror first.
    Introduced in notebook 09.
    """
    ctx = ctx or mx.cpu()
    if name in EXPORTED_MODELS and not zoo_weights_cached(name):
        prefix = EXPORTED_MODELS[name]
        return import_export(cached_file(f"{prefix}-symbol.json"), cached_file(f"{prefix}-0000.params"), ctx=ctx)
    if name not in model_store._model_sha1:
        raise ModelUnavailableError(f"No pretrained weights for {name!r}: it is not in GluonCV's model zoo.")
    item = zoo_entry(name)
    if not zoo_weights_cached(name):
        if not allow_download:
            raise ModelUnavailableError(f"No pretrained weights for {name!r}: downloads were not allowed and "
                                        f"{item.path} is not in the cache. {how_to_get(item.path)}")
        try:
            fetch(item)
        except DataUnavailableError as err:
            raise ModelUnavailableError(f"No pretrained weights for {name!r}: {err}") from err
    cached_file(item.path, item.sha1)  # refuse a corrupt file
    return model_zoo.get_model(name, pretrained=True, root=str(zoo_root()), ctx=ctx)


def imagenet_classifier(ctx: mx.Context | None = None) -> tuple[str, gluon.HybridBlock]:
    """(name, network) of an ImageNet classifier (notebook 09): GluonCV's zoo model if it is cached or can be
    downloaded, else EfficientNet-Lite0 (fetched, or built from its PyPI package)."""
    try:
        return ZOO_MODEL, load(ZOO_MODEL, ctx)
    except ModelUnavailableError:
        print(f"GluonCV's {ZOO_MODEL} is not cached and could not be downloaded: using efficientnet_lite0.")
        return "efficientnet_lite0", load("efficientnet_lite0", ctx)


def read_image(relpath: str) -> nd.NDArray:
    """A checksum-verified photo from the cache as an RGB NDArray (H, W, 3, uint8). Introduced in notebook 09."""
    from PIL import Image

    return nd.array(np.asarray(Image.open(cached_file(relpath)).convert("RGB")), dtype="uint8")


def preprocess(img: nd.NDArray, name: str) -> nd.NDArray:
    """Turn an RGB image (H, W, 3, uint8) into the (1, 3, h, w) float input that model `name` was trained on.

    Introduced in notebook 09.
    """
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError(f"expected an RGB image of shape (H, W, 3), got {img.shape}")
    if name.startswith("cifar_"):  # CIFAR-10: 32x32, per-channel normalization of CIFAR's statistics
        x = image.imresize(img, 32, 32).astype("float32") / 255
        x = image.color_normalize(x, nd.array([0.4914, 0.4822, 0.4465]), nd.array([0.2023, 0.1994, 0.2010]))
    else:  # ImageNet models: shorter side to 256, centre 224x224 crop
        x = image.center_crop(image.resize_short(img, 256), (224, 224))[0].astype("float32")
        if name == "efficientnet_lite0":  # TensorFlow's EfficientNet-Lite scaling
            x = (x - 127) / 128
        else:
            x = image.color_normalize(x / 255, nd.array([0.485, 0.456, 0.406]), nd.array([0.229, 0.224, 0.225]))
    return x.transpose((2, 0, 1)).expand_dims(axis=0)


def top_k(logits: nd.NDArray, classes: list[str], k: int = 5) -> list[tuple[str, float]]:
    """The k most probable classes of one image's logits, with their softmax probabilities.

    Introduced in notebook 09.
    """
    probs = nd.softmax(logits.reshape((-1,))).asnumpy()
    return [(classes[i], float(probs[i])) for i in probs.argsort()[::-1][:k]]
