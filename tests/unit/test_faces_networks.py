"""helpers.faces.networks: MTCNN's three networks in Gluon; the conversion refuses weights that don't fit."""

import numpy as np
import pytest

from helpers.tools.mtcnn_weights import from_torch_state


def test_weights_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="do not fit pnet"):
        from_torch_state("pnet", {"conv1.weight": np.zeros((10, 3, 3, 3), np.float32)})
