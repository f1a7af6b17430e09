"""Pretrained models by name, the way users load them (notebook 09).

GluonCV's model zoo when its weights are in the cache (or, with internet, downloadable); else a model
exported in MXNet's symbol+params format from the cache (data/models, see data/README.md).
"""

import warnings
from pathlib import Path

import mxnet as mx
import numpy as np
from gluoncv import model_zoo
from gluoncv.model_zoo import model_store
from mxnet import gluon, image, nd

from helpers.cache import DataUnavailableError, cached_file, data_root

# name -> cache path prefix of a HybridBlock.export()-ed copy (<prefix>-symbol.json, <prefix>-0000.params)
EXPORTED = {name: f"models/gluoncv-cifar10/{name}" for name in
            ("cifar_resnet20_v1", "cifar_resnet20_v2", "cifar_resnet56_v1", "cifar_resnet56_v2")}
EXPORTED["efficientnet_lite0"] = "models/efficientnet-lite0/efficientnet_lite0"
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class ModelUnavailableError(DataUnavailableError):
    """Neither the model zoo nor the cache can provide the weights; the message says what to do."""


def zoo_root() -> Path:
    """Where GluonCV's model store keeps <name>-<hash>.params files for the course."""
    return data_root() / "models" / "gluoncv"


def zoo_weights_cached(name: str) -> bool:
    """True if the model store file for `name` is already in the cache (no download needed)."""
    try:
        return (zoo_root() / f"{name}-{model_store.short_hash(name)}.params").is_file()
    except ValueError:  # the zoo has no pretrained weights of that name
        return False


def load(name: str, ctx: mx.Context | None = None, allow_download: bool = True) -> gluon.HybridBlock:
    """A pretrained network: `model_zoo.get_model(name, pretrained=True, root=data/models/gluoncv)` if its
    weights are cached, else the cached export, else (if allowed) the zoo's download."""
    ctx = ctx or mx.cpu()
    if zoo_weights_cached(name):
        path = zoo_root() / f"{name}-{model_store.short_hash(name)}.params"
        cached_file(str(path.relative_to(data_root())), (model_store._model_sha1[name],))  # refuse a corrupt file
        return model_zoo.get_model(name, pretrained=True, root=str(zoo_root()), ctx=ctx)
    if name in EXPORTED:
        symbol, params = (cached_file(f"{EXPORTED[name]}{suffix}") for suffix in ("-symbol.json", "-0000.params"))
        with warnings.catch_warnings():  # "Cannot decide type for the following arguments": harmless
            warnings.simplefilter("ignore", UserWarning)
            return gluon.SymbolBlock.imports(str(symbol), ["data"], str(params), ctx=ctx)
    problem = "it is not in GluonCV's model zoo"
    if name in model_store._model_sha1:
        if allow_download:
            try:  # GluonCV downloads into root and checks the file's sha1 before using it
                return model_zoo.get_model(name, pretrained=True, root=str(zoo_root()), ctx=ctx)
            except Exception as err:  # requests' errors and gluoncv's checksum errors alike
                problem = f"the download failed ({type(err).__name__}: {err})"
        else:
            problem = "downloads were not allowed"
        expected = zoo_root() / f"{name}-{model_store.short_hash(name)}.params"
    else:
        expected = data_root() / "models" / f"{name}-symbol.json (and -0000.params)"
    raise ModelUnavailableError(f"No pretrained weights for {name!r}: {problem}, and none are cached. "
                                f"With internet, run helpers.pretrained.load({name!r}) once; offline, copy the "
                                f"file to {expected}.")


def read_image(relpath: str) -> nd.NDArray:
    """A checksum-verified photo from the cache as an RGB NDArray (H, W, 3, uint8)."""
    from PIL import Image

    return nd.array(np.asarray(Image.open(cached_file(relpath)).convert("RGB")), dtype="uint8")


def preprocess(img: nd.NDArray, name: str) -> nd.NDArray:
    """Turn an RGB image (H, W, 3, uint8) into the (1, 3, h, w) float input that model `name` was trained on."""
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
    """The k most probable classes of one image's logits, with their softmax probabilities."""
    probs = nd.softmax(logits.reshape((-1,))).asnumpy()
    return [(classes[i], float(probs[i])) for i in probs.argsort()[::-1][:k]]
