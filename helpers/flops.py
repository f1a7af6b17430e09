"""Count the arithmetic a network does per sample (notebook 08 and the speed benchmark)."""

from mxnet import gluon, nd

from helpers.context import device_of


def forward_flops(net: gluon.Block, input_shape: tuple[int, ...]) -> int:
    """Floating-point operations (2 per multiply-add) of one forward pass of ONE sample through the
    Dense and Conv2D layers of `net`; activations and pooling are comparatively free and not counted.
    """
    counts: list[int] = []

    def count(block, inputs, output):
        if isinstance(block, gluon.nn.Dense):
            counts.append(2 * block.weight.shape[0] * block.weight.shape[1])
        elif isinstance(block, gluon.nn.Conv2D):
            c_out, c_in, kh, kw = block.weight.shape
            counts.append(2 * c_out * c_in * kh * kw * output.shape[2] * output.shape[3])

    hooks = []

    def attach(block):
        hooks.append(block.register_forward_hook(count))
        for child in block._children.values():
            attach(child)

    attach(net)
    net(nd.zeros((1, *input_shape), ctx=device_of(net)))
    for h in hooks:
        h.detach()
    if not counts:
        raise ValueError("no Dense or Conv2D layer was seen: count the FLOPs before net.hybridize()")
    return sum(counts)


def training_flops(net: gluon.Block, input_shape: tuple[int, ...]) -> int:
    """About 3x the forward pass: backward computes one matrix product for the inputs' gradient and
    one for the weights' gradient for every product of the forward pass.
    Introduced in notebook 08.
    """
    return 3 * forward_flops(net, input_shape)


def count_parameters(net: gluon.Block) -> int:
    """Number of learnable numbers in `net` (after its shapes are known). Introduced in notebook 08."""
    return sum(p.data().size for p in net.collect_params().values() if p.grad_req != "null")
