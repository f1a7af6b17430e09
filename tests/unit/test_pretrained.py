"""Loading pretrained models: the real GluonCV model-zoo path (offline, with a locally registered
params file), the cached export, and a clear error when neither exists."""

from helpers import cache, pretrained

import mxnet as mx
import numpy as np
import pytest
from gluoncv import model_zoo
from gluoncv.model_zoo import model_store
from mxnet import nd


def test_model_zoo_path_loads_a_registered_params_file(private_cache, offline, monkeypatch):
    """Save weights the way the model store names them and register their sha1: get_model must load them."""
    private_cache.mkdir()
    net = model_zoo.get_model("cifar_resnet20_v1", classes=10)
    net.initialize(mx.init.Xavier())
    net(nd.zeros((1, 3, 32, 32)))
    tmp = private_cache / "weights.params"
    net.save_parameters(str(tmp))
    sha1 = cache.sha1_of(tmp)
    monkeypatch.setitem(model_store._model_sha1, "cifar_resnet20_v1", sha1)
    pretrained.zoo_root().mkdir(parents=True)
    tmp.rename(pretrained.zoo_root() / f"cifar_resnet20_v1-{sha1[:8]}.params")

    assert pretrained.zoo_weights_cached("cifar_resnet20_v1")
    loaded = pretrained.load("cifar_resnet20_v1")
    assert type(loaded).__name__ == "CIFARResNetV1"  # the zoo's class, not a SymbolBlock
    x = nd.random.uniform(shape=(2, 3, 32, 32))
    assert np.allclose(loaded(x).asnumpy(), net(x).asnumpy(), atol=1e-5)


def test_a_corrupt_zoo_file_is_not_used(private_cache, offline, monkeypatch):
    monkeypatch.setitem(model_store._model_sha1, "cifar_resnet20_v1", "0" * 40)
    pretrained.zoo_root().mkdir(parents=True)
    bad = pretrained.zoo_root() / "cifar_resnet20_v1-00000000.params"
    bad.write_bytes(b"not weights")
    with pytest.raises(cache.CorruptFileError, match="cifar_resnet20_v1-00000000.params is corrupt"):
        pretrained.load("cifar_resnet20_v1")
    assert bad.read_bytes() == b"not weights"  # reported, not silently replaced or used


def test_exported_models_from_the_cache_predict():
    net = pretrained.load("cifar_resnet20_v1")
    cat = pretrained.read_image("images/chelsea.png")
    logits = net(pretrained.preprocess(cat, "cifar_resnet20_v1"))
    assert pretrained.top_k(logits, pretrained.CIFAR10_CLASSES)[0][0] == "cat"


def test_missing_weights_offline_give_a_clear_error(private_cache, offline):
    message = (r"(?s)ssd_512_resnet50_v1_voc.*gluon/models/ssd_512_resnet50_v1_voc-9c8b225a.zip: "
               r"GluonCV's download failed.*copy the file")
    with pytest.raises(pretrained.ModelUnavailableError, match=message):
        pretrained.load("ssd_512_resnet50_v1_voc")
    with pytest.raises(pretrained.ModelUnavailableError, match="not in GluonCV's model zoo"):
        pretrained.load("my_own_model")
    with pytest.raises(cache.DataUnavailableError, match=r"(?s)efficientnet_lite0-symbol.json.*build_efficientnet"):
        pretrained.load("efficientnet_lite0")


def test_preprocessing_matches_each_models_training():
    grey = nd.full((300, 400, 3), 127, dtype="uint8")
    eff = pretrained.preprocess(grey, "efficientnet_lite0")
    assert eff.shape == (1, 3, 224, 224) and np.allclose(eff.asnumpy(), 0)
    imagenet = pretrained.preprocess(grey, "resnet50_v1")
    expected = (127 / 255 - np.array([0.485, 0.456, 0.406])) / np.array([0.229, 0.224, 0.225])
    assert imagenet.shape == (1, 3, 224, 224)
    assert np.allclose(imagenet[0, :, 100, 100].asnumpy(), expected, atol=1e-5)
    cifar = pretrained.preprocess(grey, "cifar_resnet20_v1")
    assert cifar.shape == (1, 3, 32, 32)
    with pytest.raises(ValueError, match="expected an RGB image"):
        pretrained.preprocess(nd.zeros((28, 28)), "efficientnet_lite0")


def test_top_k_is_sorted_probabilities():
    result = pretrained.top_k(nd.array([1.0, 3.0, 2.0]), ["a", "b", "c"], k=2)
    assert [c for c, _ in result] == ["b", "c"] and result[0][1] > result[1][1] > 0
