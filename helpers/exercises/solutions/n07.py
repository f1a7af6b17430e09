"""Notebook 07 · the optimizer race: exercises, their checks and reference solutions."""

import mxnet as mx
import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_numpy, call_answer, mxnet_advice, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)


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


def returned_state_advice(optimizer, before, after):
    """Advice when the state handed back is the one handed in: the next step would start from stale values."""
    if optimizer == "sgd" and before is not None and after is not None and np.allclose(as_numpy(before),
                                                                                     as_numpy(after)):
        return ": you returned the buffer unchanged; return the new buffer mu * buffer + g"
    if optimizer == "adam" and isinstance(after, tuple) and len(after) == 3 and after[2] == before[2]:
        return ": t must count the steps: return t + 1 in the state"
    return ""


def weight_decay_advice(w, g, got, lr, wd=0.01):
    """Advice when the step is one of the usual weight-decay slips."""
    w, g, got = as_numpy(w), as_numpy(g), as_numpy(got)
    slips = {"weight decay is missing: add wd * w to the gradient": w - lr * g,
             "the decay is a learning step too: w - lr * (g + wd * w)": w - lr * g - wd * w,
             "MXNet adds wd * w to the gradient (its penalty is wd/2 * ||w||^2), not 2 * wd * w":
                 w - lr * (g + 2 * wd * w),
             "the decay pulls w towards 0: add + wd * w to the gradient, not - wd * w": w - lr * (g - wd * w)}
    return next((f": {advice}" for advice, value in slips.items()
                 if value.shape == got.shape and np.allclose(value, got, rtol=1e-6, atol=1e-7)), "")


def snapshot(value):
    """A copy of weights or state that later in-place changes can't alter (tuples copied item by item)."""
    if isinstance(value, tuple):
        return tuple(snapshot(v) for v in value)
    return value.copy() if hasattr(value, "copy") else value


def mxnet_sgd(w, g, velocity, lr, momentum=0.0, wd=0.0):
    """MXNet 1.9's sgd(_mom)_update in float64: velocity = momentum·velocity - lr·(g + wd·w); w += velocity."""
    velocity = momentum * velocity - lr * (g + wd * w)
    return w + velocity, velocity


def mxnet_adam(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """MXNet 1.9's adam_update in float64: the bias corrections folded into the learning rate, eps on √v."""
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
    return w - lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t) * m / (np.sqrt(v) + eps), (m, v, t)


def race(answer, optimizer, settings, initial_state, steps=10, lr=0.05, tol=1e-5):
    """Step the answer and MXNet's update rule side by side on the same random gradients.

    The rule is mx.optimizer's, written in float64 numpy (it agrees with mx.optimizer to 1e-6 over 20 steps):
    fewer MXNet operations make the check fast. Nothing is waited for until every step of the answer is queued
    (MXNet computes asynchronously), except steps 1 and 2, where most slips show; the first step that differs
    is reported."""
    rng = RNG
    start, gradients = rng.normal(size=6).astype("float32"), rng.normal(size=(steps, 6))
    gradients = (gradients + 0.1 * np.sign(gradients)).astype("float32")   # |g| >= 0.1: where eps goes can't matter
    ours, g_all = nd.array(start), nd.array(gradients)
    state = initial_state(ours)
    theirs = start.astype("float64")
    reference = (np.zeros(6), np.zeros(6), 0) if optimizer == "adam" else np.zeros(6)
    trail, compared = [], 0
    for step in range(steps):
        g = g_all[step]
        before, state_before = theirs, snapshot(state)
        if optimizer == "adam":
            theirs, reference = mxnet_adam(theirs, gradients[step].astype("float64"), reference, lr)
        else:
            theirs, reference = mxnet_sgd(theirs, gradients[step].astype("float64"), reference, lr, **settings)
        result = call_answer(answer, ours, g, state, lr, wait=False)
        if not isinstance(result, tuple) or len(result) != 2:
            raise Wrong("return a pair: (new weights, new state)")
        ours, state = result
        trail.append((before, gradients[step], theirs, snapshot(ours), state_before, snapshot(state)))
        if step in (0, 1, steps - 1):   # most slips show at step 1 or 2: no need to queue the rest
            compare_steps(trail, compared, optimizer, settings, lr, tol)
            compared = len(trail)


def compare_steps(trail, start, optimizer, settings, lr, tol):
    """Compare the answer's weights with the reference from step `start` on; the first that differs fails."""
    try:
        for step, (before, g, expected, got, state_before, state_after) in enumerate(trail[start:], start):
            try:
                same_values(got, expected, f"step {step + 1} (MXNet's {optimizer!r}, lr {lr}, {settings})", tol)
            except Wrong as wrong:
                advice = returned_state_advice(optimizer, state_before, state_after) if step > 0 else ""
                if settings.get("wd") and not advice:
                    advice = weight_decay_advice(before, g, got, lr, settings["wd"])
                raise Wrong(f"{wrong}{advice}") from None
    except mx.base.MXNetError as error:
        raise Wrong(mxnet_advice(error)) from None


MOMENTUM_RULE = ("Checked: 10 steps beside MXNet's sgd with momentum 0.9 and lr 0.05 on random gradients, the "
                 "weights within 1e-5 at every step; the buffer is yours to define (MXNet's velocity, -lr times this "
                 "buffer, passes too).")
ADAM_RULE = ("Checked: 10 steps beside MXNet's adam with lr 0.01 on random gradients, the weights within 1e-4 at "
             "every step; t starts at 0 in the state and is 1 at the first step; eps may be added to the square root "
             "of v-hat (the paper) or of v (MXNet).")
WEIGHT_DECAY_RULE = ("Checked: 10 steps beside MXNet's sgd with wd=0.01 and lr 0.05 on random gradients, the "
                     "weights within 1e-5 at every step; MXNet's weight decay adds wd * w to the gradient (the "
                     "gradient of wd/2 * ||w||^2).")

define("07", "momentum_pytorch_form",
       "Write momentum_pytorch_form(w, g, buffer, lr, mu=0.9) -> (w, buffer): buffer = mu·buffer + g, step lr·buffer.\n"
       + MOMENTUM_RULE,
       lambda answer: race(answer, "sgd", {"momentum": 0.9}, lambda w: w * 0),
       ("The buffer is a decaying sum of gradients; the step is the learning rate times the buffer.",
        "MXNet's velocity is -lr times this buffer, so with a fixed learning rate both take the same steps."),
       momentum_pytorch_form, "step for step the same as MXNet's sgd with momentum 0.9.")
define("07", "adam_textbook",
       "Write adam_textbook(w, g, (m, v, t), lr) with bias-corrected m̂ = m/(1-β1ᵗ), v̂ = v/(1-β2ᵗ).\n" + ADAM_RULE,
       lambda answer: race(answer, "adam", {}, lambda w: (w * 0, w * 0, 0), lr=0.01, tol=1e-4),
       ("m and v are running means of g and g²; t counts the steps, starting at 1.",
        "The step is lr · m̂ / (√v̂ + ε) with ε = 1e-8."),
       adam_textbook, "the textbook form and MXNet's (which folds the corrections into the learning rate) agree.")
define("07", "sgd_weight_decay",
       "Write sgd_weight_decay(w, g, state, lr, wd=0.01) -> (w, state): what mx.optimizer's sgd does with wd=0.01.\n"
       + WEIGHT_DECAY_RULE,
       lambda answer: race(answer, "sgd", {"wd": 0.01}, lambda w: None),
       ("Weight decay adds wd · w to the gradient before the step.",),
       sgd_weight_decay, "weight decay pulls every weight a little towards 0 at every step.")
