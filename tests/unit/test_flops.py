"""helpers.flops: the arithmetic counts behind the speed benchmark (the benchmark itself is not run
here: timings belong in `make bench`, not in tests)."""

from helpers import flops, models

import pytest
from mxnet import nd

from helpers.tools import bench


def test_training_flops_of_the_course_networks():
    mlp, lenet = models.mlp(), models.lenet()
    mlp.initialize()
    lenet.initialize()
    # MLP: 2 * (784*512 + 512*256 + 256*10) per forward pass, x3 for training
    assert flops.training_flops(mlp, (1, 28, 28)) == 3 * 2 * (784 * 512 + 512 * 256 + 256 * 10)
    # LeNet: conv 16x1x5x5 on 24x24, conv 32x16x5x5 on 8x8, dense 32*4*4=512 -> 500, 500->10
    forward = 2 * (16 * 25 * 24 * 24 + 32 * 16 * 25 * 8 * 8 + 512 * 500 + 500 * 10)
    assert flops.forward_flops(lenet, (1, 28, 28)) == forward
    classic = bench.build("lenet-20-50")   # 20 and 50 filters: dense 50*4*4=800 -> 500
    classic.initialize()
    forward = 2 * (20 * 25 * 24 * 24 + 50 * 20 * 25 * 8 * 8 + 800 * 500 + 500 * 10)
    assert flops.forward_flops(classic, (1, 28, 28)) == forward
    assert flops.count_parameters(mlp) == 784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10


def test_flops_refuses_a_hybridized_network():
    net = models.mlp()
    net.initialize()
    net.hybridize()
    net(nd.zeros((1, 1, 28, 28)))
    with pytest.raises(ValueError, match="before net.hybridize"):
        flops.forward_flops(net, (1, 28, 28))
