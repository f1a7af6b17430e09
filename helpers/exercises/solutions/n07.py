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
    if optimizer == "momentum" and before is not None and after is not None and np.allclose(as_numpy(before),
                                                                                          as_numpy(after)):
        return ": you returned the buffer unchanged; return the new buffer mu * buffer + g"
    if optimizer == "adam" and isinstance(after, (tuple, list)) and len(after) == 3 and after[2] == before[2]:
        return ": t must count the steps: return t + 1 in the state"
    return ""


def weight_decay_advice(w, g, got, lr, wd):
    """Advice when the step is one of the usual weight-decay slips."""
    w, g, got = as_numpy(w), as_numpy(g), as_numpy(got)
    slips = {"weight decay is missing: add wd * w to the gradient": w - lr * g,
             "the decay is a learning step too: w - lr * (g + wd * w)": w - lr * g - wd * w,
             "MXNet adds wd * w to the gradient (its penalty is wd/2 * ||w||^2), not 2 * wd * w":
                 w - lr * (g + 2 * wd * w),
             "the decay pulls w towards 0: add + wd * w to the gradient, not - wd * w": w - lr * (g - wd * w),
             "you shrank the weights after the step, (1 - lr * wd) * (w - lr * g): the decay uses the weights "
             "before the step, w - lr * (g + wd * w)": (1 - lr * wd) * (w - lr * g)}
    return next((f": {advice}" for advice, value in slips.items()
                 if value.shape == got.shape and np.allclose(value, got, rtol=1e-6, atol=1e-7)), "")


def snapshot(value):
    """A copy of weights or state that later in-place changes can't alter (tuples and lists copied item by item)."""
    if isinstance(value, (tuple, list)):
        return type(value)(snapshot(v) for v in value)
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


def off_round(rng, low, high, step):
    """A number between low and high at least a fifth of `step` away from every multiple of `step` (0.01, 0.05,
    0.1, 0.9, ...): an answer that writes a usual value instead of using its argument can't pass by luck."""
    k = int(rng.integers(round(low / step), round(high / step)))
    return float((k + rng.uniform(0.2, 0.8)) * step)


def draw_settings(optimizer, rng):
    """Per check: the learning rate and the hyperparameters passed to the answer after it, in the order of its
    signature (mu; beta1, beta2; wd)."""
    if optimizer == "momentum":
        return off_round(rng, 0.02, 0.2, 0.01), {"momentum": off_round(rng, 0.75, 0.85, 0.01)}
    if optimizer == "adam":
        return off_round(rng, 0.005, 0.05, 0.005), {"beta1": off_round(rng, 0.8, 0.87, 0.01),
                                                    "beta2": off_round(rng, 0.95, 0.98, 0.01)}
    return off_round(rng, 0.05, 0.2, 0.01), {"wd": off_round(rng, 0.02, 0.1, 0.01)}


def race(answer, optimizer, initial_state, steps=10, tol=1e-5):
    """Step the answer and MXNet's update rule side by side on the same random gradients, with a learning rate
    and hyperparameters drawn for this check (passed to the answer, positionally, after lr).

    The gradients are large (|g| >= 0.1: where eps goes can't matter), except at steps 6 to 8, which are tiny
    (1e-3 of that): there Adam's v shrinks, which AMSGrad's maximum would not let it. The rule is
    mx.optimizer's, written in float64 numpy (it agrees with mx.optimizer to 1e-6 over 20 steps): fewer MXNet
    operations make the check fast. Nothing is waited for until every step of the answer is queued (MXNet
    computes asynchronously), except steps 1 and 2, where most slips show; the first step that differs is
    reported."""
    rng = RNG
    lr, settings = draw_settings(optimizer, rng)
    start, gradients = rng.normal(size=6).astype("float32"), rng.normal(size=(steps, 6))
    gradients = gradients + 0.1 * np.sign(gradients)
    gradients[5:8] *= 1e-3
    gradients = gradients.astype("float32")
    ours, g_all = nd.array(start), nd.array(gradients)
    state = initial_state(ours)
    theirs = start.astype("float64")
    reference = (np.zeros(6), np.zeros(6), 0) if optimizer == "adam" else np.zeros(6)
    trail, compared = [], 0
    for step in range(steps):
        g = g_all[step]
        before, state_before = snapshot(ours), snapshot(state)   # the answer's weights and state before the step
        if optimizer == "adam":
            theirs, reference = mxnet_adam(theirs, gradients[step].astype("float64"), reference, lr, **settings)
        else:
            theirs, reference = mxnet_sgd(theirs, gradients[step].astype("float64"), reference, lr, **settings)
        try:
            result = call_answer(answer, ours, g, state, lr, *settings.values(), wait=False)
        except TypeError as error:
            if "positional argument" not in str(error):
                raise
            names = ", ".join(settings).replace("momentum", "mu")
            raise Wrong(f"keep the stub's parameters after lr ({names}): the check passes them ({error})") from None
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Wrong("return a pair: (new weights, new state)")
        ours, state = result
        trail.append((before, gradients[step], theirs, snapshot(ours), state_before, snapshot(state)))
        if step in (0, 1, steps - 1):   # most slips show at step 1 or 2: no need to queue the rest
            compare_steps(trail, compared, optimizer, settings, lr, tol)
            compared = len(trail)


def compare_steps(trail, start, optimizer, settings, lr, tol):
    """Compare the answer's weights with the reference from step `start` on; the first that differs fails."""
    shown = ", ".join(f"{name.replace('momentum', 'mu')} {value:.4g}" for name, value in settings.items())
    called = {"momentum": "sgd with momentum", "adam": "adam", "sgd": "sgd with weight decay"}[optimizer]
    try:
        for step, (before, g, expected, got, state_before, state_after) in enumerate(trail[start:], start):
            try:
                same_values(got, expected, f"step {step + 1} (MXNet's {called}, lr {lr:.4g}, {shown})", tol)
            except Wrong as wrong:
                advice = returned_state_advice(optimizer, state_before, state_after) if step > 0 else ""
                if settings.get("wd") and not advice:
                    advice = weight_decay_advice(before, g, got, lr, settings["wd"])
                if not advice and optimizer == "adam":
                    advice = kept_largest_v_advice(g, state_before, state_after, settings["beta2"])
                raise Wrong(f"{wrong}{advice}") from None
    except mx.base.MXNetError as error:
        raise Wrong(mxnet_advice(error)) from None


def kept_largest_v_advice(g, before, after, beta2):
    """Advice when Adam's v (the state's second entry) stayed where a small gradient shrinks it (AMSGrad's maximum)."""
    try:
        v_before, v_after = as_numpy(before[1]), as_numpy(after[1])
    except (TypeError, IndexError, KeyError, ValueError):
        return ""
    shrinks = beta2 * v_before + (1 - beta2) * np.asarray(g, "float64") ** 2 < v_before * (1 - 1e-4)
    if v_before.shape != shrinks.shape or v_after.shape != shrinks.shape or not shrinks.any() or \
            not np.allclose(v_after[shrinks], v_before[shrinks], rtol=1e-6, atol=0):
        return ""
    return (": your v stays where it was, but after large gradients a small one makes beta2 * v + (1 - beta2) * g² "
            "smaller than v: keep that (keeping the largest v is AMSGrad, not Adam)")


MOMENTUM_RULE = ("Checked: 10 steps beside MXNet's sgd with momentum on random gradients, with a learning rate "
                 "(0.02 to 0.2) and mu (0.75 to 0.85) that the check passes in, so use lr and mu, not fixed numbers; "
                 "the weights within 1e-5 at every step; a tuple or a list will do; the buffer is yours to define "
                 "(MXNet's velocity, -lr times this buffer, passes too).")
ADAM_RULE = ("Checked: 10 steps beside MXNet's adam on random gradients (three tiny ones after large ones), with lr "
             "(0.005 to 0.05), beta1 (0.8 to 0.87) and beta2 (0.95 to 0.98) that the check passes in, so use the "
             "arguments, not fixed numbers; the weights within 1e-5 at every step; t starts at 0 in the state and is "
             "1 at the first step; eps may be added to the square root of v-hat (the paper) or of v (MXNet).")
WEIGHT_DECAY_RULE = ("Checked: 10 steps beside MXNet's sgd on random gradients, with a learning rate (0.05 to 0.2) "
                     "and wd (0.02 to 0.1) that the check passes in, so use lr and wd, not fixed numbers; the weights "
                     "within 1e-5 at every step; MXNet's weight decay adds wd * w to the gradient (the gradient of "
                     "wd/2 * ||w||^2) before the step.")

define("07", "momentum_pytorch_form",
       "Write momentum_pytorch_form(w, g, buffer, lr, mu=0.9) -> (w, buffer): buffer = mu·buffer + g, step lr·buffer.\n"
       + MOMENTUM_RULE,
       lambda answer: race(answer, "momentum", lambda w: w * 0),
       ("The buffer is a decaying sum of gradients; the step is the learning rate times the buffer.",
        "MXNet's velocity is -lr times this buffer, so with a fixed learning rate both take the same steps."),
       momentum_pytorch_form, "step for step the same as MXNet's sgd with momentum 0.9.")
define("07", "adam_textbook",
       "Write adam_textbook(w, g, (m, v, t), lr) with bias-corrected m̂ = m/(1-β1ᵗ), v̂ = v/(1-β2ᵗ).\n" + ADAM_RULE,
       lambda answer: race(answer, "adam", lambda w: (w * 0, w * 0, 0)),
       ("m and v are running means of g and g²; t counts the steps, starting at 1.",
        "The step is lr · m̂ / (√v̂ + ε) with ε = 1e-8."),
       adam_textbook, "the textbook form and MXNet's (which folds the corrections into the learning rate) agree.")
define("07", "sgd_weight_decay",
       "Write sgd_weight_decay(w, g, state, lr, wd=0.01) -> (w, state): one step of mx.optimizer's sgd with "
       "weight decay wd.\n"
       + WEIGHT_DECAY_RULE,
       lambda answer: race(answer, "sgd", lambda w: None),
       ("Weight decay adds wd · w to the gradient before the step.",),
       sgd_weight_decay, "weight decay pulls every weight a little towards 0 at every step.")
