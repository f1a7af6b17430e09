"""Notebook 07 · the optimizer race: exercises, their checks and reference solutions."""

import mxnet as mx
import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def momentum_pytorch_form(w, g, buffer, lr, mu=0.9):
    """Momentum written as a running sum of gradients (PyTorch's form): equal to MXNet's for a fixed lr."""
    buffer = mu * buffer + g
    return w - lr * buffer, buffer


def adam_textbook(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam as in Kingma & Ba (2015): bias-corrected moment estimates m̂ and v̂."""
    m, v, t = state
    t += 1
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (nd.sqrt(v_hat) + eps), (m, v, t)


def sgd_weight_decay(w, g, state, lr, wd=0.01):
    """SGD with weight decay: the gradient of the loss plus wd times the weights (an L2 penalty)."""
    return w - lr * (g + wd * w), state


def race(answer, optimizer, settings, initial_state, steps=20, lr=0.05, tol=1e-5):
    """Step the answer and mx.optimizer side by side on the same random gradients."""
    rng = np.random.default_rng()
    theirs = nd.array(rng.normal(size=6))
    ours, state = theirs.copy(), initial_state(theirs)
    update = mx.optimizer.get_updater(mx.optimizer.create(optimizer, learning_rate=lr, **settings))
    for step in range(steps):
        g = nd.array(rng.normal(size=6))
        update(0, g.copy(), theirs)
        result = answer(ours, g, state, lr)
        if not isinstance(result, tuple) or len(result) != 2:
            raise Wrong("return a pair: (new weights, new state)")
        ours, state = result
        same_values(ours, theirs, f"step {step + 1} of {steps} (mx.optimizer {optimizer!r}, {settings})", tol)


define("07", "momentum_pytorch_form",
       "Write momentum_pytorch_form(w, g, buffer, lr, mu=0.9) -> (w, buffer): buffer = mu·buffer + g, step lr·buffer.",
       lambda answer: race(answer, "sgd", {"momentum": 0.9}, lambda w: w * 0),
       ("The buffer is a decaying sum of gradients; the step is the learning rate times the buffer.",
        "MXNet's velocity is -lr times this buffer, so with a fixed learning rate both take the same steps."),
       momentum_pytorch_form, "step for step the same as MXNet's sgd with momentum 0.9.")
define("07", "adam_textbook",
       "Write adam_textbook(w, g, (m, v, t), lr) with bias-corrected m̂ = m/(1-β1ᵗ), v̂ = v/(1-β2ᵗ).",
       lambda answer: race(answer, "adam", {}, lambda w: (w * 0, w * 0, 0), lr=0.01, tol=1e-4),
       ("m and v are running means of g and g²; t counts the steps, starting at 1.",
        "The step is lr · m̂ / (√v̂ + ε) with ε = 1e-8."),
       adam_textbook, "the textbook form and MXNet's (which folds the corrections into the learning rate) agree.")
define("07", "sgd_weight_decay",
       "Write sgd_weight_decay(w, g, state, lr, wd=0.01) -> (w, state): what mx.optimizer's sgd does with wd=0.01.",
       lambda answer: race(answer, "sgd", {"wd": 0.01}, lambda w: None),
       ("Weight decay adds wd · w to the gradient before the step.",),
       sgd_weight_decay, "weight decay pulls every weight a little towards 0 at every step.")
