"""MTCNN's networks filled from facenet-pytorch's weights: what scripts/build_mtcnn.py exports to the cache.

facenet-pytorch's layer names are the course's (helpers/faces/networks.py), so converting is renaming
`prelu.weight` to `alpha` and checking every shape.
"""

from mxnet import gluon, nd

from helpers.faces.networks import NETS

INPUT_SIZE = {"pnet": 12, "rnet": 24, "onet": 48}


def from_torch_state(name: str, state: dict) -> gluon.HybridBlock:
    """A network filled from facenet-pytorch's state dict (numpy arrays, see helpers.tools.torch_weights)."""
    net = NETS[name]()
    net.initialize()
    net(nd.zeros((1, 3, INPUT_SIZE[name], INPUT_SIZE[name])))  # fixes every parameter's shape
    arrays = {key.replace(".weight", ".alpha") if key.startswith("prelu") else key: value
              for key, value in state.items()}
    params = net._collect_params_with_prefix()
    if set(params) != set(arrays):
        raise ValueError(f"weights do not fit {name}: {sorted(set(params) ^ set(arrays))}")
    for key, param in params.items():
        if param.shape != arrays[key].shape:
            raise ValueError(f"{name} {key}: shape {arrays[key].shape}, expected {param.shape}")
        param.set_data(nd.array(arrays[key]))
    return net
